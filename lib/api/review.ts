// The review page's API: GET /api/groups/{id}/review and a member's activity page,
// request and response schemas shared by the routes, the page and the tests.
import "@/lib/zod-setup";
import { z } from "zod";
import { AnnotationKindSchema } from "./annotations";
import { GroupRoleSchema } from "./groups";

export const ReviewQuery = z.strictObject({ documentId: z.uuid().optional() }).meta({ id: "ReviewQuery" });
export type ReviewInput = z.output<typeof ReviewQuery>;

/** Most items a queue lists (oldest first); the rest wait until these are handled (queueTotals counts them all). */
export const QUEUE_LIMIT = 50;
/** Most entries on one member's activity page (newest first). */
export const ACTIVITY_LIMIT = 500;

const Person = z.object({ id: z.uuid(), name: z.string() });

export const ParticipationRow = z
  .object({
    member: Person.extend({ role: GroupRoleSchema }),
    /** Threads started (highlights, comments, notes). */
    annotations: z.int(),
    replies: z.int(),
    /** Threads started, per tag. */
    notesByTag: z.record(z.string(), z.int()),
    /** Words in bodies of threads and replies. */
    words: z.int(),
    firstActivity: z.string().nullable(),
    lastActivity: z.string().nullable(),
  })
  .meta({ id: "ParticipationRow" });
export type ParticipationRowDto = z.infer<typeof ParticipationRow>;

export const HeatSegmentSchema = z
  .object({ start: z.int(), end: z.int(), count: z.int(), byTag: z.record(z.string(), z.int()) })
  .meta({ id: "HeatSegment" });

export const QueueItem = z
  .object({
    id: z.uuid(),
    threadId: z.uuid(),
    kind: AnnotationKindSchema,
    isReply: z.boolean(),
    author: Person,
    tags: z.array(z.string()),
    /** The start of the body, as plain text (at most 200 characters). */
    text: z.string(),
    quote: z.string().nullable(),
    createdAt: z.string(),
    document: z.object({ id: z.uuid(), slug: z.string(), title: z.string() }),
    href: z.string(),
    /** Flag reasons (flagged queue only). */
    flags: z.array(z.string()),
  })
  .meta({ id: "ReviewQueueItem" });
export type QueueItemDto = z.infer<typeof QueueItem>;

export const QUEUE_NAMES = ["unansweredQuestions", "unresolvedNeedsCitation", "flagged", "unansweredMentions"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const ReviewResponse = z
  .object({
    document: z.object({ id: z.uuid(), slug: z.string(), title: z.string(), revisionId: z.uuid() }).nullable(),
    participation: z.array(ParticipationRow),
    activity: z.array(z.object({ day: z.string(), count: z.int() })),
    /** Over the document's current revision; empty without a document. */
    heatmap: z.array(HeatSegmentSchema),
    queues: z.object({
      unansweredQuestions: z.array(QueueItem),
      unresolvedNeedsCitation: z.array(QueueItem),
      flagged: z.array(QueueItem),
      /** Mentions of me that I have not answered in their thread since. */
      unansweredMentions: z.array(QueueItem),
    }),
    /** Every item waiting in each queue, also those past QUEUE_LIMIT. */
    queueTotals: z.object({ unansweredQuestions: z.int(), unresolvedNeedsCitation: z.int(), flagged: z.int(), unansweredMentions: z.int() }),
  })
  .meta({ id: "GroupReview" });
export type ReviewDto = z.infer<typeof ReviewResponse>;

export const ActivityItem = z
  .object({
    id: z.uuid(),
    threadId: z.uuid(),
    kind: AnnotationKindSchema,
    isReply: z.boolean(),
    tags: z.array(z.string()),
    text: z.string(),
    quote: z.string().nullable(),
    resolved: z.boolean(),
    hidden: z.boolean(),
    createdAt: z.string(),
    document: z.object({ id: z.uuid(), slug: z.string(), title: z.string() }),
    href: z.string(),
  })
  .meta({ id: "MemberActivityItem" });
export type ActivityItemDto = z.infer<typeof ActivityItem>;

export const MemberActivityResponse = z
  .object({ summary: ParticipationRow, items: z.array(ActivityItem) })
  .meta({ id: "MemberActivity" });
export type MemberActivityDto = z.infer<typeof MemberActivityResponse>;
