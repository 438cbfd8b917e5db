// The one shape annotations are read in, and its conversion to the API's AnnotationDto.
import type { AnnotationDto } from "@/lib/api/annotations";
import type { HighlightColor } from "@/lib/annotations/palette";
import type { Actor } from "@/server/auth/actor";
import type { Prisma } from "@/server/db/generated/client";

export const annotationSelect = {
  id: true,
  documentId: true,
  revisionId: true,
  groupId: true,
  kind: true,
  parentId: true,
  rootId: true,
  targetStart: true,
  targetEnd: true,
  quoteExact: true,
  quotePrefix: true,
  quoteSuffix: true,
  body: true,
  bodyHtml: true,
  bodyText: true,
  tags: true,
  color: true,
  resolvedAt: true,
  hiddenAt: true,
  deletedAt: true,
  createdAt: true,
  updatedAt: true,
  authorId: true,
  author: { select: { id: true, name: true } },
  reactions: { select: { type: true, userId: true } },
} satisfies Prisma.AnnotationSelect;

export type AnnotationRecord = Prisma.AnnotationGetPayload<{ select: typeof annotationSelect }>;

export function toAnnotationDto(record: AnnotationRecord, actor: Actor, replies: AnnotationDto[] = []): AnnotationDto {
  const deleted = record.deletedAt !== null;
  return {
    id: record.id,
    documentId: record.documentId,
    revisionId: record.revisionId,
    groupId: record.groupId,
    author: record.author,
    kind: record.kind,
    target: toTarget(record),
    body:
      deleted || record.body === null
        ? null
        : {
            format: "tiptap",
            doc: record.body as Record<string, unknown>,
            html: record.bodyHtml ?? "",
            text: record.bodyText ?? "",
          },
    tags: deleted ? [] : record.tags,
    color: (record.color as HighlightColor | null) ?? null,
    parentId: record.parentId,
    resolved: record.resolvedAt !== null,
    hidden: record.hiddenAt !== null,
    deleted,
    reactions: {
      counts: {
        helpful: record.reactions.filter((reaction) => reaction.type === "helpful").length,
        same_question: record.reactions.filter((reaction) => reaction.type === "same_question").length,
      },
      mine: record.reactions.filter((reaction) => reaction.userId === actor.userId).map((reaction) => reaction.type),
    },
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    replies,
  };
}

function toTarget(record: AnnotationRecord): AnnotationDto["target"] {
  if (record.targetStart === null || record.targetEnd === null || record.quoteExact === null) return null;
  return {
    selector: [
      { type: "TextPositionSelector", start: record.targetStart, end: record.targetEnd },
      {
        type: "TextQuoteSelector",
        exact: record.quoteExact,
        prefix: record.quotePrefix ?? "",
        suffix: record.quoteSuffix ?? "",
      },
    ],
  };
}
