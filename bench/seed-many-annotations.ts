// Bench data: puts N overlapping annotations (highlights, comments, tagged notes; about 30%
// of them with one or two replies) on the demo document, shared with the demo group so Ana
// sees them all. A bulk INSERT (1,000 rows a statement) rather than the API services, so
// 5,000 rows take a second or two; every target is built with describeTextRange, so offsets,
// quote, prefix and suffix are exactly what the app itself would store.
//
// Run:  node --import tsx bench/seed-many-annotations.ts --database-url postgresql://… [--count 5000]
//       [--reply-share 0.3] [--seed 1] [--replace]
// The database must already hold the demo data (migrations + seedDemoData()).
// Bench rows have ids starting with BENCH_ID_PREFIX, so --replace (or replaceExisting) can
// remove them again without touching anything else.
import { pathToFileURL } from "node:url";
import pg from "pg";
import { describeTextRange } from "@/lib/anchoring/describe-range";
import { DEFAULT_TAG_VOCABULARY, HIGHLIGHT_COLORS, type HighlightColor } from "@/lib/annotations/palette";
import { prepareBody } from "@/server/annotations/prepare-body";
import { DEMO_GROUP_ID } from "@/server/seed/demo-annotations";
import { DEMO_ACCOUNTS, SEED_DOCUMENT_SLUG } from "@/server/seed/seed-demo-data";

export const BENCH_ID_PREFIX = "be4c0000-";

export type SeedManyOptions = {
  databaseUrl: string;
  count?: number;
  /** Share of root annotations that get replies (one or two; a second reply answers the first half the time). */
  replyShare?: number;
  /** PRNG seed: the same seed gives the same annotations. */
  seed?: number;
  documentSlug?: string;
  /** Delete earlier bench rows first (otherwise their ids collide). */
  replaceExisting?: boolean;
  /** Shortest and longest passage, in characters (before trimming whitespace at the ends). */
  minLength?: number;
  maxLength?: number;
  /**
   * Keeps one color off some passages (the first occurrence of each): roots overlapping one
   * get another color. A bench that highlights such a passage in that color then really
   * changes what is painted; on a short text covered thousands of times over, every color
   * covers everything.
   */
  keepClear?: { quotes: string[]; color: HighlightColor };
};

export type SeedManyResult = {
  roots: number;
  replies: number;
  byKind: Record<"highlight" | "comment" | "note", number>;
  /** Roots fully inside an earlier root's passage (the rest overlap at random, heavily on a short text). */
  nested: number;
  textLength: number;
  elapsedMs: number;
};

type Row = {
  id: string;
  kind: "highlight" | "comment" | "note";
  authorId: string;
  parentId: string | null;
  rootId: string | null;
  target: { start: number; end: number; exact: string; prefix: string; suffix: string } | null;
  body: ReturnType<typeof prepareBody> | null;
  tags: string[];
  color: string | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
  createdAt: Date;
};

const COLUMNS = [
  "id",
  "document_id",
  "revision_id",
  "group_id",
  "author_id",
  "kind",
  "parent_id",
  "root_id",
  "target_start",
  "target_end",
  "quote_exact",
  "quote_prefix",
  "quote_suffix",
  "body",
  "body_html",
  "body_text",
  "tags",
  "color",
  "resolved_at",
  "resolved_by_id",
  "created_at",
  "updated_at",
] as const;

const BATCH_ROWS = 1000; // 22 parameters a row: well under PostgreSQL's 65,535.

const PHRASES = [
  "How does this square with the previous paragraph?",
  "Key mechanism; worth drawing as a diagram.",
  "Is there a human study behind this, or only animal models?",
  "Define this term in the glossary for the group.",
  "This is the claim the whole argument rests on.",
  "I read this differently: the direction of causality is unclear.",
  "Good example for the exam question on barrier function.",
  "Compare with the lecture slides from week three.",
];

export async function seedManyAnnotations(options: SeedManyOptions): Promise<SeedManyResult> {
  const started = performance.now();
  const count = options.count ?? 5000;
  const replyShare = options.replyShare ?? 0.3;
  const minLength = options.minLength ?? 5;
  const maxLength = options.maxLength ?? 400;
  const random = mulberry32(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const document = await client.query<{ document_id: string; revision_id: string; text: string }>(
      `SELECT d.id AS document_id, r.id AS revision_id, r.text
         FROM documents d JOIN document_revisions r ON r.document_id = d.id
        WHERE d.slug = $1 ORDER BY r.number DESC LIMIT 1`,
      [options.documentSlug ?? SEED_DOCUMENT_SLUG],
    );
    const revision = document.rows[0];
    if (!revision) throw new Error("The demo document is missing: run migrations and seedDemoData() first.");
    const users = await client.query<{ id: string; email: string }>("SELECT id, email FROM users WHERE email = ANY($1)", [
      DEMO_ACCOUNTS.map((account) => account.email),
    ]);
    const userIds = DEMO_ACCOUNTS.map((account) => users.rows.find((row) => row.email === account.email)?.id);
    if (userIds.some((id) => !id)) throw new Error("The demo accounts are missing: run seedDemoData() first.");
    const authors = userIds as string[];
    const group = await client.query("SELECT 1 FROM groups WHERE id = $1", [DEMO_GROUP_ID]);
    if (group.rowCount === 0) throw new Error("The demo group is missing: run seedDemoData() first.");

    const text = revision.text;
    const clearRanges = (options.keepClear?.quotes ?? []).map((quote) => {
      const start = text.indexOf(quote);
      if (start < 0) throw new Error(`"${quote}" is not in the document text.`);
      return { start, end: start + quote.length };
    });
    const otherColors = HIGHLIGHT_COLORS.filter((color) => color !== options.keepClear?.color);
    const overlapsClear = (range: { start: number; end: number }) => clearRanges.some((clear) => range.start < clear.end && range.end > clear.start);
    const rows: Row[] = [];
    const rootRanges: Array<{ start: number; end: number }> = [];
    const byKind = { highlight: 0, comment: 0, note: 0 };
    let nested = 0;
    let serial = 0;
    const nextId = () => `${BENCH_ID_PREFIX}0000-4000-8000-${(++serial).toString(16).padStart(12, "0")}`;
    // Oldest first, one second apart, ending a day before now: "created_at" orders threads and replies.
    const baseTime = Date.now() - 86_400_000 - count * 3 * 1000;
    let tick = 0;
    const nextTime = () => new Date(baseTime + ++tick * 1000);

    while (rootRanges.length < count) {
      // A third of the passages sit inside an earlier one (nested); the rest start anywhere.
      const outer = rootRanges.length > 0 && random() < 1 / 3 ? pick(rootRanges) : null;
      let start: number;
      let end: number;
      if (outer && outer.end - outer.start > minLength) {
        const length = minLength + Math.floor(random() * (outer.end - outer.start - minLength + 1));
        start = outer.start + Math.floor(random() * (outer.end - outer.start - length + 1));
        end = start + length;
      } else {
        const length = minLength + Math.floor(random() * (maxLength - minLength + 1));
        start = Math.floor(random() * Math.max(1, text.length - minLength));
        end = Math.min(text.length, start + length);
      }
      const described = describeTextRange(text, start, end);
      if (!described.ok) continue;
      const range = described.range;
      if (range.end - range.start < 1) continue;
      const [, quote] = described.selectors;
      if (outer && range.start >= outer.start && range.end <= outer.end) nested++;
      rootRanges.push(range);

      const kindRoll = random();
      const kind: Row["kind"] = kindRoll < 0.6 ? "highlight" : kindRoll < 0.85 ? "comment" : "note";
      byKind[kind]++;
      const authorIndex = Math.floor(random() * authors.length);
      const tags = kind === "note" ? [pick(DEFAULT_TAG_VOCABULARY).name] : [];
      const id = nextId();
      const resolved = kind === "comment" && random() < 0.05;
      rows.push({
        id,
        kind,
        authorId: authors[authorIndex] as string,
        parentId: null,
        rootId: null,
        target: { start: range.start, end: range.end, exact: quote.exact, prefix: quote.prefix ?? "", suffix: quote.suffix ?? "" },
        body: kind === "highlight" ? null : prepareBody({ format: "text", text: `${pick(PHRASES)} (#${rootRanges.length})` }),
        tags,
        color: overlapsClear(range) ? pick(otherColors) : pick(HIGHLIGHT_COLORS),
        resolvedAt: resolved ? nextTime() : null,
        resolvedById: resolved ? (authors[authorIndex] as string) : null,
        createdAt: nextTime(),
      });

      if (random() < replyShare) {
        const replyCount = random() < 0.5 ? 1 : 2;
        let parentId = id;
        for (let n = 0; n < replyCount; n++) {
          const replyId = nextId();
          rows.push({
            id: replyId,
            kind: "comment",
            authorId: pick(authors),
            parentId,
            rootId: id,
            target: null,
            body: prepareBody({ format: "text", text: `Reply: ${pick(PHRASES)}` }),
            tags: [],
            color: null,
            resolvedAt: null,
            resolvedById: null,
            createdAt: nextTime(),
          });
          // Half the second replies answer the first reply (a nested thread), half the root.
          if (random() < 0.5) parentId = replyId;
        }
      }
    }

    await client.query("BEGIN");
    if (options.replaceExisting) {
      await client.query("DELETE FROM annotations WHERE id::text LIKE $1", [`${BENCH_ID_PREFIX}%`]);
    }
    // Parents before children: rows are in creation order, so every batch only references earlier rows.
    for (let offset = 0; offset < rows.length; offset += BATCH_ROWS) {
      const batch = rows.slice(offset, offset + BATCH_ROWS);
      const values: unknown[] = [];
      const tuples = batch.map((row) => {
        const first = values.length;
        values.push(
          row.id,
          revision.document_id,
          revision.revision_id,
          DEMO_GROUP_ID,
          row.authorId,
          row.kind,
          row.parentId,
          row.rootId,
          row.target?.start ?? null,
          row.target?.end ?? null,
          row.target?.exact ?? null,
          row.target?.prefix ?? null,
          row.target?.suffix ?? null,
          row.body ? JSON.stringify(row.body.body) : null,
          row.body?.bodyHtml ?? null,
          row.body?.bodyText ?? null,
          row.tags,
          row.color,
          row.resolvedAt,
          row.resolvedById,
          row.createdAt,
          row.createdAt,
        );
        return `(${COLUMNS.map((_, index) => `$${first + index + 1}`).join(", ")})`;
      });
      await client.query(`INSERT INTO annotations (${COLUMNS.join(", ")}) VALUES ${tuples.join(", ")}`, values);
    }
    await client.query("COMMIT");
    await client.query("ANALYZE annotations");
    return {
      roots: rootRanges.length,
      replies: rows.length - rootRanges.length,
      byKind,
      nested,
      textLength: text.length,
      elapsedMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** A small, fast, seedable PRNG (Mulberry32), so every bench run seeds the same data. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const databaseUrl = argument("database-url") ?? process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("Usage: node --import tsx bench/seed-many-annotations.ts --database-url postgresql://… [--count 5000] [--reply-share 0.3] [--seed 1] [--replace]");
    process.exit(2);
  }
  seedManyAnnotations({
    databaseUrl,
    count: Number(argument("count") ?? 5000),
    replyShare: Number(argument("reply-share") ?? 0.3),
    seed: Number(argument("seed") ?? 1),
    replaceExisting: process.argv.includes("--replace"),
  }).then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
