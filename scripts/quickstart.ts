// `npm run quickstart`: database (embedded unless DATABASE_URL is set), migrations,
// seed, a production build when the sources changed, then the server on PORT.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "@/server/db/migrations";
import { disconnectDb } from "@/server/db/client";
import { seedDemoData } from "@/server/seed/seed-demo-data";
import { openLocalDatabase, PROJECT_ROOT } from "./local-database";
import { printDemoSummary } from "./print-demo-summary";

const dev = process.argv.includes("--dev");
process.env.NEXT_TELEMETRY_DISABLED = "1";

const database = await openLocalDatabase({
  embeddedDir: "postgres",
  embeddedPort: Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329),
  database: "marginalia",
});
process.env.DATABASE_URL = database.databaseUrl;
console.log(database.embedded ? "Using the embedded PostgreSQL in .data/postgres" : "Using DATABASE_URL");
process.env.AUTH_SECRET ??= localAuthSecret();

try {
  const migrated = await applyMigrations(database.databaseUrl);
  console.log(`Migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already in place.`);
  printDemoSummary(await seedDemoData());
  await disconnectDb();
  if (!dev && buildIsStale()) await run(["node_modules/.bin/next", "build"]);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await database.stop();
  process.exit(1);
}

const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts", ...(dev ? ["--dev"] : [])], {
  cwd: PROJECT_ROOT,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: dev ? "development" : "production", MARGINALIA_DEMO: process.env.MARGINALIA_DEMO ?? "true" },
});
// Ctrl-C reaches the server too (same process group); wait for it, then stop the database.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
  });
}
server.on("exit", async (code) => {
  await database.stop();
  process.exit(code ?? 0);
});

function localAuthSecret(): string {
  // Kept under .data/ so sessions survive restarts of the quick start.
  const file = path.join(PROJECT_ROOT, ".data", "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(33).toString("base64");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function buildIsStale(): boolean {
  const buildId = path.join(PROJECT_ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "server", "content", "next.config.js", "package-lock.json"];
  return sources.some((source) => newestMtime(path.join(PROJECT_ROOT, source)) > builtAt);
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(target)
    .filter((name) => name !== "generated")
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stats.mtimeMs);
}

function run(command: string[]): Promise<void> {
  const [program, ...args] = command as [string, ...string[]];
  console.log(`$ ${command.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: PROJECT_ROOT, stdio: "inherit", env: process.env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command.join(" ")} failed (${code})`))));
  });
}
