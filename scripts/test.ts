// `npm test`: typecheck, lint, unit tests, a production build, integration tests
// against a real PostgreSQL (DATABASE_URL when set, else an embedded one) and Redis,
// and the end-to-end tests in Chromium. Stops at the first failing step.
import { spawn } from "node:child_process";
import { applyMigrations } from "@/server/db/migrations";
import { disconnectDb } from "@/server/db/client";
import { seedDemoData } from "@/server/seed/seed-demo-data";
import { openLocalDatabase, PROJECT_ROOT, recreateDatabase, siblingDatabaseUrl, databaseName } from "./local-database";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const started = Date.now();

await step("typecheck", ["node_modules/.bin/tsc", "--noEmit"]);
await step("lint", ["node_modules/.bin/eslint", "."]);
await step("unit tests", ["node_modules/.bin/vitest", "run", "--project", "unit"]);

const database = await openLocalDatabase({
  embeddedDir: "test-postgres",
  embeddedPort: Number(process.env.EMBEDDED_POSTGRES_TEST_PORT ?? 54330),
  database: "marginalia_test",
  fresh: true,
});
const e2eDatabaseUrl = siblingDatabaseUrl(database.databaseUrl, `${databaseName(database.databaseUrl)}_e2e`);
let failed = false;
try {
  // Built first: the multi-process real-time tests start the production server.
  await step("production build", ["node_modules/.bin/next", "build"]);
  await step("integration tests", ["node_modules/.bin/vitest", "run", "--project", "integration"], {
    DATABASE_URL: database.databaseUrl,
  });

  await recreateDatabase(e2eDatabaseUrl);
  await applyMigrations(e2eDatabaseUrl);
  process.env.DATABASE_URL = e2eDatabaseUrl;
  await seedDemoData();
  await disconnectDb();
  await step("end-to-end tests", ["node_modules/.bin/playwright", "test"], { E2E_DATABASE_URL: e2eDatabaseUrl });
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  await database.stop();
}
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(failed ? `\nnpm test FAILED after ${minutes} min` : `\nnpm test: every step passed in ${minutes} min`);
process.exit(failed ? 1 : 0);

function step(name: string, command: string[], env: Record<string, string> = {}): Promise<void> {
  const [program, ...args] = command as [string, ...string[]];
  console.log(`\n=== ${name}: ${command.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => {
      if (code === 0) return resolve();
      const error = new Error(`${name} failed (exit ${code})`);
      // Before the database exists there is nothing to clean up: fail right away.
      if (name === "typecheck" || name === "lint" || name === "unit tests") {
        console.error(error.message);
        process.exit(1);
      }
      reject(error);
    });
  });
}
