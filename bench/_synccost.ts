import { randomUUID } from "node:crypto";
import pg from "pg";
import { cpuSeconds } from "./support/bench-processes";
const url = process.env.DATABASE_URL!;
const admin = new pg.Client({ connectionString: url }); await admin.connect();
const { rows: [ctx] } = await admin.query(`SELECT a.document_id, a.revision_id, a.group_id, a.author_id FROM annotations a WHERE a.group_id IS NOT NULL LIMIT 1`);
for (const sync of ["on", "off"]) {
  for (const conc of [1, 8]) {
    const pool = new pg.Pool({ connectionString: url, max: conc, options: `-c synchronous_commit=${sync}` });
    const fn = () => pool.query({ name: "ins", text: `INSERT INTO annotations (id, document_id, revision_id, group_id, author_id, kind, target_start, target_end, quote_exact, quote_prefix, quote_suffix, tags, color) VALUES ($1,$2,$3,$4,$5,'highlight',1,20,'some quoted text',$6,$7,'{}','yellow')`, values: [randomUUID(), ctx.document_id, ctx.revision_id, ctx.group_id, ctx.author_id, "p".repeat(32), "s".repeat(32)] });
    await Promise.all(Array.from({ length: conc }, async () => { for (let i = 0; i < 50; i++) await fn(); }));
    const { rows } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    const pids = rows.map((r) => r.pid as number); const c0 = pids.map(cpuSeconds);
    const wal = (await admin.query(`SELECT pid FROM pg_stat_activity WHERE backend_type IN ('walwriter','checkpointer','background writer')`)).rows.map((r) => r.pid as number); const w0 = wal.map(cpuSeconds);
    const N = 2000; const t0 = performance.now();
    await Promise.all(Array.from({ length: conc }, async () => { for (let i = 0; i < N / conc; i++) await fn(); }));
    const t = performance.now() - t0; const c1 = pids.map(cpuSeconds); const w1 = wal.map(cpuSeconds);
    console.log(`sync ${sync} conc ${conc}: ${(N / t * 1000).toFixed(0)}/s backends ${(c1.reduce((s, v, i) => s + v - c0[i]!, 0) * 1000 / N).toFixed(3)} ms/row, wal+bg ${(w1.reduce((s, v, i) => s + v - w0[i]!, 0) * 1000 / N).toFixed(3)} ms/row`);
    await pool.end();
  }
}
process.exit(0);
