// GET /api/groups/{id}/review: everything an instructor needs to take in a group's
// discussion at a glance, aggregated in Postgres (a handful of grouped queries, no row
// by row loading): participation, activity per day, the heat map over the document's
// current revision, and the queues.
import type { ReviewDto, ReviewInput } from "@/lib/api/review";
import { AppError } from "@/lib/errors";
import { computeHeatSegments, type HeatSegment } from "@/lib/review/heat-map";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { requireGroupRole } from "@/server/groups/require-group-role";
import { participationOf } from "./participation";
import { reviewQueues } from "./review-queues";
import { liveInScopeSql, type ReviewScope } from "./review-scope";

export async function getGroupReview({ actor, groupId, input }: { actor: Actor; groupId: string; input: ReviewInput }): Promise<ReviewDto> {
  await requireGroupRole(actor, groupId, "group:review");
  const document = input.documentId ? await findDocument(input.documentId) : null;
  const scope: ReviewScope = { groupId, documentId: input.documentId };
  const [participation, activity, heatmap, { queues, queueTotals }] = await Promise.all([
    participationOf(scope),
    activityByDay(scope),
    document ? heatSegments(scope, document.revisionId) : Promise.resolve([]),
    reviewQueues(scope, actor.userId),
  ]);
  return { document, participation, activity, heatmap, queues, queueTotals };
}

async function findDocument(documentId: string) {
  const document = await getDb().document.findUnique({
    where: { id: documentId },
    select: { id: true, slug: true, title: true, revisions: { orderBy: { number: "desc" }, take: 1, select: { id: true } } },
  });
  const revision = document?.revisions[0];
  if (!document || !revision) throw new AppError("NOT_FOUND", "No such document.");
  return { id: document.id, slug: document.slug, title: document.title, revisionId: revision.id };
}

async function activityByDay(scope: ReviewScope): Promise<ReviewDto["activity"]> {
  return getDb().$queryRaw<ReviewDto["activity"]>(Prisma.sql`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, count::int AS count
    FROM (
      -- Grouping by the truncated timestamp first formats one string per day, not per row.
      SELECT date_trunc('day', a.created_at AT TIME ZONE 'UTC') AS day, count(*) AS count
      FROM annotations a
      WHERE ${liveInScopeSql(scope)}
      GROUP BY 1
    ) per_day
    ORDER BY per_day.day
  `);
}

/*
 * Postgres groups the threads by passage and tag set, so Node sees one entry per distinct
 * passage (with its count) rather than one per annotation; the sweep that turns passages
 * into non-overlapping segments is the pure computeHeatSegments. The passages arrive as one
 * JSON document rather than thousands of rows: mapping rows one by one cost about a third
 * more time. Offsets belong to one revision, so only threads anchored to the current one count.
 */
async function heatSegments(scope: ReviewScope, revisionId: string): Promise<HeatSegment[]> {
  const [row] = await getDb().$queryRaw<Array<{ passages: string }>>(Prisma.sql`
    SELECT coalesce(json_agg(json_build_array(g.start, g.finish, g.tags, g.weight)), '[]')::text AS passages
    FROM (
      SELECT a.target_start AS start, a.target_end AS finish, a.tags, count(*)::int AS weight
      FROM annotations a
      WHERE ${liveInScopeSql(scope)} AND a.parent_id IS NULL AND a.revision_id = ${revisionId}::uuid
        AND a.target_start IS NOT NULL AND a.target_end IS NOT NULL
      GROUP BY a.target_start, a.target_end, a.tags
    ) g
  `);
  const passages = JSON.parse(row?.passages ?? "[]") as Array<[number, number, string[], number]>;
  return computeHeatSegments(passages.map(([start, end, tags, weight]) => ({ start, end, tags, weight })));
}
