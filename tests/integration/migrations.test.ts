// The migration runner on a brand-new database: applies everything once, records
// it like `prisma migrate deploy` (checksum = sha256 of migration.sql), and is a
// no-op the second time.
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, listMigrationNames, MIGRATIONS_DIR } from "@/server/db/migrations";
import { databaseUrlFor, quoteIdentifier, withClient } from "./support/db";

const EXPECTED_TABLES = ["accounts", "api_tokens", "document_revisions", "documents", "sessions", "users"];

type MigrationRow = {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

const databaseName = `marginalia_migrations_${Date.now()}_${randomBytes(4).toString("hex")}`;
const adminUrl = databaseUrlFor("postgres");
const databaseUrl = databaseUrlFor(databaseName);
let created = false;

beforeAll(async () => {
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(databaseName)}`));
  created = true;
});

afterAll(async () => {
  if (!created) return;
  await withClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName)} WITH (FORCE)`),
  );
});

function query<T extends object>(sql: string): Promise<T[]> {
  return withClient(databaseUrl, async (client) => (await client.query<T>(sql)).rows);
}

const migrationRows = () =>
  query<MigrationRow>(
    `SELECT id, checksum, migration_name, finished_at, rolled_back_at, applied_steps_count
     FROM "_prisma_migrations" ORDER BY migration_name`,
  );

describe("applyMigrations on a brand-new database", () => {
  let firstRows: MigrationRow[] = [];

  it("starts from an empty database", async () => {
    const tables = await query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables).toEqual([]);
  });

  it("applies every migration the first time", async () => {
    const names = await listMigrationNames();
    expect(names.length).toBeGreaterThan(0);
    const result = await applyMigrations(databaseUrl);
    expect(result).toEqual({ applied: names, alreadyApplied: [] });
  });

  it("creates the application tables", async () => {
    const tables = await query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    expect(tables.map((row) => row.tablename)).toEqual(expect.arrayContaining([...EXPECTED_TABLES, "_prisma_migrations"]));
  });

  it("creates the unique indexes the app relies on", async () => {
    const indexes = await query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE 'CREATE UNIQUE INDEX%'`,
    );
    expect(indexes.map((row) => row.indexname)).toEqual(
      expect.arrayContaining(["users_email_key", "api_tokens_token_hash_key", "documents_slug_key"]),
    );
  });

  it("records each migration as finished with checksum = sha256(migration.sql)", async () => {
    firstRows = await migrationRows();
    const names = await listMigrationNames();
    expect(firstRows.map((row) => row.migration_name)).toEqual(names);
    for (const row of firstRows) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("applies nothing the second time and leaves the bookkeeping unchanged", async () => {
    const names = await listMigrationNames();
    const result = await applyMigrations(databaseUrl);
    expect(result).toEqual({ applied: [], alreadyApplied: names });
    expect(await migrationRows()).toEqual(firstRows);
  });

  it("two runners started together apply each migration once", async () => {
    const results = await Promise.all([applyMigrations(databaseUrl), applyMigrations(databaseUrl)]);
    for (const result of results) expect(result.applied).toEqual([]);
    expect(await migrationRows()).toEqual(firstRows);
  });

  it("produces a schema the app can write to", async () => {
    const rows = await query<{ id: string }>(
      `INSERT INTO users (id, email, name) VALUES (gen_random_uuid(), 'probe@example.test', 'Probe') RETURNING id`,
    );
    expect(rows).toHaveLength(1);
    await expect(
      query(`INSERT INTO users (id, email, name) VALUES (gen_random_uuid(), 'probe@example.test', 'Again')`),
    ).rejects.toThrow(/users_email_key/);
  });
});

describe("applyMigrations on a brand-new database, concurrently", () => {
  const concurrentName = `${databaseName}_c`;
  const concurrentUrl = databaseUrlFor(concurrentName);

  beforeAll(async () => {
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(concurrentName)}`));
  });

  afterAll(async () => {
    await withClient(adminUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(concurrentName)} WITH (FORCE)`),
    );
  });

  it("two runners racing on an empty database apply each migration exactly once", async () => {
    const names = await listMigrationNames();
    const results = await Promise.all([applyMigrations(concurrentUrl), applyMigrations(concurrentUrl)]);
    expect(results.flatMap((result) => result.applied).sort()).toEqual([...names].sort());
    const rows = await withClient(concurrentUrl, async (client) =>
      (await client.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`)).rows,
    );
    expect(rows.map((row) => row.migration_name).sort()).toEqual([...names].sort());
  });
});
