// Bench data for the server benches: a fresh database (migrations + the demo document,
// imported by the app's own importer) and study groups of N readers, each reader with an
// API token. Readers, groups, memberships and tokens are bulk-inserted (a thousand
// accounts through the sign-up API would take minutes of password hashing); tokens are
// generated and hashed by the app's own code, so the server accepts them as real ones.
import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { DEFAULT_TAG_VOCABULARY } from "@/lib/annotations/palette";
import { disconnectDb } from "@/server/db/client";
import { ensureDatabase } from "@/server/db/embedded-postgres";
import { applyMigrations } from "@/server/db/migrations";
import { importDocumentFromText } from "@/server/documents/import-document";
import { SEED_DOCUMENT_PATH, SEED_DOCUMENT_SLUG } from "@/server/seed/seed-demo-data";
import { generateApiToken } from "@/server/tokens/api-token-secret";

export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type BenchDocument = { documentId: string; revisionId: string; text: string };
export type Reader = { userId: string; token: string; groupId: string; role: "owner" | "member" };
export type StudyGroups = { groups: string[]; readers: Reader[] };

/** Drops and recreates `name` (must start with marginalia_bench_), migrates it, imports the demo document. */
export async function prepareBenchDatabase(name: string): Promise<{ databaseUrl: string; document: BenchDocument }> {
  if (!name.startsWith("marginalia_bench_")) throw new Error(`Bench databases are named marginalia_bench_*, not ${name}.`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await ensureDatabase(ADMIN_URL, name, true);
  await applyMigrations(databaseUrl);
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    const source = await readFile(SEED_DOCUMENT_PATH, "utf8");
    const imported = await importDocumentFromText({ slug: SEED_DOCUMENT_SLUG, source });
    return { databaseUrl, document: { documentId: imported.documentId, revisionId: imported.revisionId, text: imported.imported.text } };
  } finally {
    await disconnectDb();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

/** `readers` accounts in groups of `groupSize` (the first of each group owns it), each with the default tags. */
export async function seedStudyGroups(databaseUrl: string, readers: number, groupSize: number, label = "reader"): Promise<StudyGroups> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result: StudyGroups = { groups: [], readers: [] };
    const users: unknown[][] = [];
    const tokens: unknown[][] = [];
    const memberships: unknown[][] = [];
    const groups: unknown[][] = [];
    const tags: unknown[][] = [];
    for (let index = 0; index < readers; index++) {
      if (index % groupSize === 0) {
        const groupId = randomUUID();
        result.groups.push(groupId);
        groups.push([groupId, `Bench group ${result.groups.length}`]);
        for (const tag of DEFAULT_TAG_VOCABULARY) tags.push([randomUUID(), groupId, tag.name, tag.color]);
      }
      const groupId = result.groups.at(-1)!;
      const userId = randomUUID();
      const role = index % groupSize === 0 ? "owner" : "member";
      const { token, prefix, tokenHash } = generateApiToken();
      users.push([userId, `${label}-${index}@bench.marginalia.test`, `${label[0]!.toUpperCase()}${label.slice(1)} ${index}`]);
      tokens.push([randomUUID(), userId, "bench", tokenHash, prefix]);
      memberships.push([groupId, userId, role]);
      result.readers.push({ userId, token, groupId, role });
    }
    await client.query("BEGIN");
    await insertRows(client, "users", ["id", "email", "name"], users);
    await insertRows(client, "groups", ["id", "name"], groups);
    await insertRows(client, "group_tags", ["id", "group_id", "name", "color"], tags);
    await insertRows(client, "group_memberships", ["group_id", "user_id", "role"], memberships, ["", "", "::group_role"]);
    await insertRows(client, "api_tokens", ["id", "user_id", "name", "token_hash", "prefix"], tokens);
    await client.query("COMMIT");
    return result;
  } finally {
    await client.end();
  }
}

async function insertRows(client: pg.Client, table: string, columns: string[], rows: unknown[][], casts: string[] = []) {
  const batch = Math.floor(30_000 / columns.length);
  for (let offset = 0; offset < rows.length; offset += batch) {
    const chunk = rows.slice(offset, offset + batch);
    const values = chunk.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}${casts[column] ?? ""}`).join(", ")})`);
    await client.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values.join(", ")}`, chunk.flat());
  }
}
