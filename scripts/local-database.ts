// Chooses the database for local commands: DATABASE_URL when set, else an embedded
// PostgreSQL under .data/ (real binaries from npm), so nothing needs installing.
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "@/server/db/embedded-postgres";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");

export type LocalDatabase = { databaseUrl: string; embedded: boolean; stop: () => Promise<void> };

export async function openLocalDatabase(options: {
  embeddedDir: string;
  embeddedPort: number;
  database: string;
  fresh?: boolean;
}): Promise<LocalDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    if (options.fresh) await recreateDatabase(external);
    return { databaseUrl: external, embedded: false, stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(PROJECT_ROOT, ".data", options.embeddedDir),
    port: options.embeddedPort,
    database: options.database,
    freshDatabase: options.fresh,
  });
  return { databaseUrl: embedded.databaseUrl, embedded: true, stop: embedded.stop };
}

/** A URL for a sibling database on the same server (e.g. one for end-to-end tests). */
export function siblingDatabaseUrl(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

export async function recreateDatabase(databaseUrl: string) {
  await ensureDatabase(siblingDatabaseUrl(databaseUrl, "postgres"), databaseName(databaseUrl), true);
}
