import { randomUUID } from "node:crypto";
import pg from "pg";
import { cpuSeconds } from "./support/bench-processes";
import { insertAnnotationWithChange } from "@/server/annotations/insert-annotation";
import { getPool } from "@/server/db/client";
const url = process.env.DATABASE_URL!;
const admin = new pg.Client({ connectionString: url }); await admin.connect();
const { rows: groups } = await admin.query(`SELECT m.group_id, m.user_id, a.document_id, a.revision_id FROM group_memberships m, (SELECT document_id, revision_id FROM annotations LIMIT 1) a LIMIT 16`);
async function backends() { const { rows } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`); return rows.map((r) => r.pid as number); }
const concurrency = Number(process.argv[2] ?? 8);
const oneStream = process.argv[3] === "one";
async function loop(i: number, n: number) {
  const g = groups[oneStream ? 0 : i % groups.length];
  for (let k = 0; k < n; k++) {
    const r = await insertAnnotationWithChange({ userId: g.user_id, via: "token", credentialId: "x", clientId: "c" + i }, {
      id: randomUUID(), documentId: g.document_id, revisionId: g.revision_id, groupId: g.group_id, kind: "highlight",
      target: { targetStart: 1, targetEnd: 20, quoteExact: "some quoted text", quotePrefix: "p".repeat(32), quoteSuffix: "s".repeat(32) },
      body: null, tags: [], color: "yellow" });
    if (!r) throw new Error("not inserted");
  }
}
await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i, 30)));
const pids = await backends(); const c0 = pids.map(cpuSeconds); const me0 = process.cpuUsage(); const t0 = performance.now();
const N = 3000;
await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i, N / concurrency)));
const t = performance.now() - t0; const c1 = pids.map(cpuSeconds); const me = process.cpuUsage(me0);
console.log(`conc ${concurrency} ${oneStream ? "one stream" : "many streams"}: ${(N / t * 1000).toFixed(0)}/s, postgres cpu ${(c1.reduce((s, v, i) => s + v - c0[i]!, 0) * 1000 / N).toFixed(3)} ms/write, node cpu ${((me.user + me.system) / 1000 / N).toFixed(3)} ms/write, backends ${pids.length}`);
await getPool().end(); process.exit(0);
