// The queues that need an instructor, each one query in Postgres: questions nobody has
// answered, "needs citation" notes still open, flagged annotations still shown, and
// mentions of the instructor they have not answered in the thread since.
import { annotationHref } from "@/lib/annotations/annotation-href";
import { QUEUE_LIMIT, type QueueItemDto, type ReviewDto } from "@/lib/api/review";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { liveInScopeSql, type ReviewScope } from "./review-scope";

const EXCERPT_LENGTH = 200;

type QueueSqlRow = {
  id: string;
  root_id: string | null;
  kind: QueueItemDto["kind"];
  tags: string[];
  author_id: string;
  author_name: string;
  text: string | null;
  quote: string | null;
  created_at: Date;
  document_id: string;
  slug: string;
  title: string;
  flags: string[] | null;
  total: number;
};

type Queue = { items: QueueItemDto[]; total: number };

// A reply counts as an answer only while it is itself part of the discussion.
const hasLiveReply = Prisma.sql`EXISTS (SELECT 1 FROM annotations r WHERE r.root_id = a.id AND r.deleted_at IS NULL AND r.hidden_at IS NULL)`;

async function queue(scope: ReviewScope, condition: Prisma.Sql, extra: { flags?: boolean } = {}): Promise<Queue> {
  const flags = extra.flags
    ? Prisma.sql`(SELECT array_agg(f.reason ORDER BY f.created_at) FROM annotation_flags f WHERE f.annotation_id = a.id)`
    : Prisma.sql`NULL::text[]`;
  const rows = await getDb().$queryRaw<QueueSqlRow[]>(Prisma.sql`
    SELECT a.id, a.root_id, a.kind::text AS kind, a.tags, u.id AS author_id, u.name AS author_name,
      left(a.body_text, ${EXCERPT_LENGTH}) AS text, left(a.quote_exact, ${EXCERPT_LENGTH}) AS quote, a.created_at,
      d.id AS document_id, d.slug, d.title, ${flags} AS flags, (count(*) OVER ())::int AS total
    FROM annotations a
    JOIN users u ON u.id = a.author_id
    JOIN documents d ON d.id = a.document_id
    WHERE ${liveInScopeSql(scope)} AND ${condition}
    ORDER BY a.created_at, a.id
    LIMIT ${QUEUE_LIMIT}
  `);
  const items = rows.map((row) => ({
    id: row.id,
    threadId: row.root_id ?? row.id,
    kind: row.kind,
    isReply: row.root_id !== null,
    author: { id: row.author_id, name: row.author_name },
    tags: row.tags,
    text: row.text ?? "",
    quote: row.quote,
    createdAt: row.created_at.toISOString(),
    document: { id: row.document_id, slug: row.slug, title: row.title },
    href: annotationHref(row.slug, row.root_id ?? row.id),
    flags: row.flags ?? [],
  }));
  return { items, total: rows[0]?.total ?? 0 };
}

export async function reviewQueues(scope: ReviewScope, reviewerId: string): Promise<Pick<ReviewDto, "queues" | "queueTotals">> {
  const [unansweredQuestions, unresolvedNeedsCitation, flagged, unansweredMentions] = await Promise.all([
    queue(scope, Prisma.sql`a.parent_id IS NULL AND a.tags @> ARRAY['question']::text[] AND a.resolved_at IS NULL AND NOT ${hasLiveReply}`),
    queue(scope, Prisma.sql`a.parent_id IS NULL AND a.tags @> ARRAY['needs citation']::text[] AND a.resolved_at IS NULL`),
    queue(scope, Prisma.sql`EXISTS (SELECT 1 FROM annotation_flags f WHERE f.annotation_id = a.id)`, { flags: true }),
    queue(
      scope,
      Prisma.sql`EXISTS (SELECT 1 FROM annotation_mentions mn WHERE mn.annotation_id = a.id AND mn.user_id = ${reviewerId}::uuid)
        AND NOT EXISTS (
          SELECT 1 FROM annotations answer
          WHERE answer.author_id = ${reviewerId}::uuid AND answer.deleted_at IS NULL
            AND answer.root_id = coalesce(a.root_id, a.id) AND answer.created_at > a.created_at
        )`,
    ),
  ]);
  return {
    queues: {
      unansweredQuestions: unansweredQuestions.items,
      unresolvedNeedsCitation: unresolvedNeedsCitation.items,
      flagged: flagged.items,
      unansweredMentions: unansweredMentions.items,
    },
    queueTotals: {
      unansweredQuestions: unansweredQuestions.total,
      unresolvedNeedsCitation: unresolvedNeedsCitation.total,
      flagged: flagged.total,
      unansweredMentions: unansweredMentions.total,
    },
  };
}
