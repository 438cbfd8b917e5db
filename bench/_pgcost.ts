import { randomUUID } from "node:crypto";
import pg from "pg";
import { cpuSeconds } from "./support/bench-processes";
const url = process.env.DATABASE_URL!;
const pool = new pg.Pool({ connectionString: url, max: 8 });
const admin = new pg.Client({ connectionString: url }); await admin.connect();
const { rows: [ctx] } = await admin.query(`SELECT a.document_id, a.revision_id, a.group_id, a.author_id FROM annotations a WHERE a.group_id IS NOT NULL LIMIT 1`);
const { rows: [tok] } = await admin.query(`SELECT id FROM api_tokens LIMIT 1`).catch(() => ({ rows: [{ id: randomUUID() }] }));
async function backends() { const { rows } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`); return rows.map((r) => r.pid as number); }
const { readFileSync } = await import("node:fs");
const src = readFileSync("server/annotations/insert-annotation.ts", "utf8");
const CTE = src.slice(src.indexOf("const INSERT_WITH_CHANGE = `") + 28, src.indexOf("`;", src.indexOf("const INSERT_WITH_CHANGE")));
const payload = JSON.stringify({ annotation: { id: "x", author: { id: ctx.author_id, name: "" }, body: null, tags: [], target: { selector: [{ type: "TextPositionSelector", start: 1, end: 20 }, { type: "TextQuoteSelector", exact: "some quoted text here", prefix: "p".repeat(32), suffix: "s".repeat(32) }] } } });
function cteParams() { return [randomUUID(), ctx.document_id, ctx.revision_id, ctx.group_id, ctx.author_id, "highlight", 1, 20, "some quoted text", "p".repeat(32), "s".repeat(32), null, null, null, [], "yellow", new Date(), ctx.group_id, ["owner", "instructor", "member"], "client-1", payload]; }
const variants: Record<string, () => Promise<unknown>> = {
  "raw insert": () => pool.query(`INSERT INTO annotations (id, document_id, revision_id, group_id, author_id, kind, target_start, target_end, quote_exact, quote_prefix, quote_suffix, tags, color) VALUES ($1,$2,$3,$4,$5,'highlight',1,20,'some quoted text',$6,$7,'{}','yellow')`, [randomUUID(), ctx.document_id, ctx.revision_id, ctx.group_id, ctx.author_id, "p".repeat(32), "s".repeat(32)]),
    "cte named": () => pool.query({ name: "cte", text: CTE, values: cteParams() }),
  "changelog only": () => pool.query({ name: "cl", text: `WITH next AS (INSERT INTO change_streams (document_id, stream_key, last_seq) VALUES ($1::uuid, $2, 1) ON CONFLICT (document_id, stream_key) DO UPDATE SET last_seq = change_streams.last_seq + 1 RETURNING last_seq) INSERT INTO change_events (document_id, stream_key, seq, type, annotation_id, subject_author_id, subject_hidden, actor_id, client_id, payload) SELECT $1::uuid, $2, next.last_seq, 'annotation.upserted', $3::uuid, $4::uuid, false, $4::uuid, 'c', $5::jsonb FROM next RETURNING seq`, values: [ctx.document_id, ctx.group_id, randomUUID(), ctx.author_id, payload] }),
  "changelog own stream": () => pool.query({ name: "cl2", text: `WITH next AS (INSERT INTO change_streams (document_id, stream_key, last_seq) VALUES ($1::uuid, $2, 1) ON CONFLICT (document_id, stream_key) DO UPDATE SET last_seq = change_streams.last_seq + 1 RETURNING last_seq) INSERT INTO change_events (document_id, stream_key, seq, type, annotation_id, subject_author_id, subject_hidden, actor_id, client_id, payload) SELECT $1::uuid, $2, next.last_seq, 'annotation.upserted', $3::uuid, $4::uuid, false, $4::uuid, 'c', $5::jsonb FROM next RETURNING seq`, values: [ctx.document_id, "s" + (Math.random()*8|0), randomUUID(), ctx.author_id, payload] }),
  "token pk lookup": () => pool.query(`SELECT user_id, revoked_at FROM api_tokens WHERE id = $1`, [tok.id]),
  "select 1": () => pool.query(`SELECT 1`),
};
for (const [name, fn] of Object.entries(variants)) {
  await Promise.all(Array.from({ length: 8 }, async () => { for (let i = 0; i < 50; i++) await fn(); }));
  const pids = await backends(); const c0 = pids.map(cpuSeconds); const t0 = performance.now();
  const N = 3000;
  await Promise.all(Array.from({ length: 8 }, async () => { for (let i = 0; i < N / 8; i++) await fn(); }));
  const t = performance.now() - t0; const c1 = pids.map(cpuSeconds);
  const pgms = c1.reduce((s, v, i) => s + v - c0[i]!, 0) * 1000 / N;
  console.log(name.padEnd(20), `${(N / t * 1000).toFixed(0)}/s`, `postgres cpu ${pgms.toFixed(3)} ms/stmt`);
}
process.exit(0);
