// The integration database: DATABASE_URL, migrated once per test process and
// emptied between test files (or tests) with TRUNCATE.
import pg from "pg";
import { applyMigrations } from "@/server/db/migrations";
import { disconnectDb } from "@/server/db/client";

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "Integration tests need DATABASE_URL, e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/marginalia_it",
    );
  }
  return url;
}

/** The same server, another database (by default the `postgres` maintenance database). */
export function databaseUrlFor(database: string, base = testDatabaseUrl()): string {
  const url = new URL(base);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let prepared: Promise<void> | undefined;

/** Applies the migrations to DATABASE_URL (once per process; the runner is idempotent anyway). */
export function prepareDatabase(): Promise<void> {
  prepared ??= applyMigrations(testDatabaseUrl()).then(() => undefined);
  return prepared;
}

/** Empties every application table (not the migration bookkeeping). */
export async function resetDatabase(): Promise<void> {
  await withClient(testDatabaseUrl(), async (client) => {
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    if (rows.length === 0) return;
    const tables = rows.map((row) => `public.${quoteIdentifier(row.tablename)}`).join(", ");
    await client.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
  });
}

/** Migrates and empties the database: the usual beforeAll of a test file. */
export async function freshDatabase(): Promise<void> {
  await prepareDatabase();
  await resetDatabase();
}

/** Closes the app's Prisma pool so the test process can exit. */
export async function closeDatabase(): Promise<void> {
  await disconnectDb();
}

/** Row counts of the tables that bad input must never change. */
export async function countRows(): Promise<Record<string, number>> {
  return withClient(testDatabaseUrl(), async (client) => {
    const tables = ["users", "accounts", "sessions", "api_tokens", "documents", "document_revisions"];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const { rows } = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${quoteIdentifier(table)}`);
      counts[table] = Number(rows[0]?.count ?? "NaN");
    }
    return counts;
  });
}
