// Full-text search over the annotations I can read in every group, ranked by Postgres
// (ts_rank over the generated search_vector, GIN-indexed), with highlighted snippets.
// Visibility is the SQL twin of readableAnnotationsWhere, applied to each hit and to its
// thread's root: a reply is found only where its thread can be read.
import type { SearchInput, SearchResponseDto, SnippetPartDto } from "@/lib/api/search";
import { SEARCH_DEFAULT_LIMIT, SEARCH_MAX_OFFSET } from "@/lib/api/search";
import { annotationHref } from "@/lib/annotations/annotation-href";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { readableAnnotationSql } from "@/server/db/scopes/readable-annotations-sql";
import { findMembershipRole } from "@/server/groups/find-membership-role";
import { recordSecurityEvent } from "@/server/security/record-security-event";

// Private-use characters mark the matches inside ts_headline's output. They are stripped
// from the text first (and refused in queries), so a comment cannot forge a match marker;
// the snippet then travels as plain text pieces and is never interpreted as HTML.
const MATCH_START = "\uE000";
const MATCH_END = "\uE001";
const MARKERS = `StartSel="${MATCH_START}", StopSel="${MATCH_END}"`;
// A short text is shown whole (ts_headline's fragments would clip its first and last words
// and punctuation); a long one as its two best fragments.
const SHORT_TEXT = 300;
const WHOLE_TEXT_OPTIONS = `${MARKERS}, HighlightAll=true`;
const FRAGMENT_OPTIONS = `${MARKERS}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/** ts_headline of one column with the sentinels stripped first, or NULL for a NULL column. */
function headlineSql(column: Prisma.Sql): Prisma.Sql {
  const clean = Prisma.sql`translate(${column}, ${MATCH_START + MATCH_END}, '')`;
  return Prisma.sql`CASE WHEN ${column} IS NULL THEN NULL
    WHEN length(${column}) <= ${SHORT_TEXT} THEN ts_headline('english', ${clean}, query.tsq, ${WHOLE_TEXT_OPTIONS})
    ELSE ts_headline('english', ${clean}, query.tsq, ${FRAGMENT_OPTIONS}) END`;
}

type HitRow = {
  id: string;
  root_id: string | null;
  kind: "highlight" | "comment" | "note";
  tags: string[];
  resolved: boolean;
  author_id: string;
  author_name: string;
  group_id: string | null;
  group_name: string | null;
  document_id: string;
  document_slug: string;
  document_title: string;
  created_at: Date;
  rank: number;
  body_snippet: string | null;
  quote_snippet: string | null;
};

export async function searchAnnotations({ actor, input }: { actor: Actor; input: SearchInput }): Promise<SearchResponseDto> {
  if (input.groupId && input.groupId !== "private" && (await findMembershipRole(actor, input.groupId)) === null) {
    // Nothing of that group will be found (the predicate sees to that), but asking is logged.
    await recordSecurityEvent({ actor, kind: "group_not_visible", resource: `group:${input.groupId}` });
  }
  const limit = input.limit ?? SEARCH_DEFAULT_LIMIT;
  const offset = Math.min(Number(input.cursor ?? "0"), SEARCH_MAX_OFFSET);
  const rows = await getDb().$queryRaw<HitRow[]>(Prisma.sql`
    WITH query AS (
      SELECT websearch_to_tsquery('english', ${input.q}) || websearch_to_tsquery('simple', ${input.q}) AS tsq
    ),
    hits AS (
      SELECT a.id, ts_rank(a.search_vector, query.tsq) AS rank, a.created_at
      FROM annotations a
      CROSS JOIN query
      LEFT JOIN annotations root ON root.id = a.root_id
      WHERE a.search_vector @@ query.tsq
        AND a.deleted_at IS NULL
        AND ${readableAnnotationSql(actor.userId, "a")}
        AND (a.root_id IS NULL OR ${readableAnnotationSql(actor.userId, "root")})
        ${filtersSql(input)}
      ORDER BY rank DESC, a.created_at DESC, a.id
      LIMIT ${limit + 1} OFFSET ${offset}
    )
    SELECT a.id, a.root_id, a.kind::text AS kind, a.tags,
      (CASE WHEN root.id IS NULL THEN a.resolved_at ELSE root.resolved_at END) IS NOT NULL AS resolved,
      author.id AS author_id, author.name AS author_name, g.id AS group_id, g.name AS group_name,
      d.id AS document_id, d.slug AS document_slug, d.title AS document_title, a.created_at, hits.rank::float8 AS rank,
      ${headlineSql(Prisma.sql`a.body_text`)} AS body_snippet,
      ${headlineSql(Prisma.sql`a.quote_exact`)} AS quote_snippet
    FROM hits
    CROSS JOIN query
    JOIN annotations a ON a.id = hits.id
    LEFT JOIN annotations root ON root.id = a.root_id
    JOIN users author ON author.id = a.author_id
    LEFT JOIN groups g ON g.id = a.group_id
    JOIN documents d ON d.id = a.document_id
    ORDER BY hits.rank DESC, hits.created_at DESC, hits.id
  `);
  const page = rows.slice(0, limit);
  const nextOffset = offset + limit;
  return {
    items: page.map(toResult),
    nextCursor: rows.length > limit && nextOffset <= SEARCH_MAX_OFFSET ? String(nextOffset) : null,
  };
}

function filtersSql(input: SearchInput): Prisma.Sql {
  const filters: Prisma.Sql[] = [];
  if (input.groupId === "private") filters.push(Prisma.sql`a.group_id IS NULL`);
  else if (input.groupId) filters.push(Prisma.sql`a.group_id = ${input.groupId}::uuid`);
  // Tags and resolved state belong to the thread: a reply is tagged and resolved with its root.
  if (input.tag) filters.push(Prisma.sql`(CASE WHEN root.id IS NULL THEN a.tags ELSE root.tags END) @> ARRAY[${input.tag}]::text[]`);
  if (input.resolved !== undefined) {
    filters.push(Prisma.sql`((CASE WHEN root.id IS NULL THEN a.resolved_at ELSE root.resolved_at END) IS NOT NULL) = ${input.resolved}`);
  }
  if (input.author) filters.push(Prisma.sql`a.author_id = ${input.author}::uuid`);
  if (input.kind) filters.push(Prisma.sql`a.kind = ${input.kind}::annotation_kind`);
  if (input.from) filters.push(Prisma.sql`a.created_at >= (${input.from}::date)::timestamp AT TIME ZONE 'UTC'`);
  if (input.to) filters.push(Prisma.sql`a.created_at < (${input.to}::date + 1)::timestamp AT TIME ZONE 'UTC'`);
  return filters.length === 0 ? Prisma.empty : Prisma.sql`AND ${Prisma.join(filters, " AND ")}`;
}

function toResult(row: HitRow): SearchResponseDto["items"][number] {
  const threadId = row.root_id ?? row.id;
  return {
    id: row.id,
    threadId,
    kind: row.kind,
    isReply: row.root_id !== null,
    tags: row.tags,
    resolved: row.resolved,
    author: { id: row.author_id, name: row.author_name },
    group: row.group_id && row.group_name !== null ? { id: row.group_id, name: row.group_name } : null,
    document: { id: row.document_id, slug: row.document_slug, title: row.document_title },
    createdAt: row.created_at.toISOString(),
    rank: Number(row.rank),
    body: snippetParts(row.body_snippet),
    quote: snippetParts(row.quote_snippet),
    href: annotationHref(row.document_slug, threadId),
  };
}

/** Splits ts_headline's marked-up text into plain pieces, matched or not. */
export function snippetParts(marked: string | null): SnippetPartDto[] {
  if (!marked) return [];
  const parts: SnippetPartDto[] = [];
  for (const [index, piece] of marked.split(new RegExp(`[${MATCH_START}${MATCH_END}]`)).entries()) {
    if (piece !== "") parts.push({ text: piece, match: index % 2 === 1 });
  }
  return parts;
}
