process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/marginalia_bench_review";
const { getDb, disconnectDb } = await import("@/server/db/client");
const { Prisma } = await import("@/server/db/generated/client");
const { liveInScopeSql } = await import("@/server/review/review-scope");
const { computeHeatSegments } = await import("@/lib/review/heat-map");
const G = "6d1f1f5e-3c1a-4c7e-9a51-000000000001";
const db = getDb();
const doc = await db.document.findFirstOrThrow({ select: { id: true, revisions: { select: { id: true } } } });
const scope = { groupId: G, documentId: doc.id };
const time = async (name: string, fn: () => Promise<unknown>) => {
  const xs: number[] = [];
  for (let i = 0; i < 21; i++) { const t = performance.now(); await fn(); xs.push(performance.now() - t); }
  xs.sort((a, b) => a - b);
  console.log(name.padEnd(14), "median", xs[10]!.toFixed(1), "p90", xs[18]!.toFixed(1));
};
const passages = await db.$queryRaw<Array<{ start: number; end: number; tags: string[]; weight: number }>>(Prisma.sql`SELECT a.target_start AS start, a.target_end AS "end", a.tags, count(*)::int AS weight FROM annotations a WHERE ${liveInScopeSql(scope)} AND a.parent_id IS NULL AND a.revision_id = ${doc.revisions[0]!.id}::uuid AND a.target_start IS NOT NULL GROUP BY 1,2,3`);
await time("heat sweep", async () => computeHeatSegments(passages));
await time("activity", () => db.$queryRaw(Prisma.sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, count::int AS count FROM (SELECT date_trunc('day', a.created_at AT TIME ZONE 'UTC') AS day, count(*) AS count FROM annotations a WHERE ${liveInScopeSql(scope)} GROUP BY 1) per_day ORDER BY per_day.day`));
await disconnectDb();
