// Turns a validated body (Tiptap JSON or plain text) into what is stored: the JSON,
// its sanitized HTML, and plain text for search and exports.
import type { AnnotationBodyInput } from "@/lib/rich-text/tiptap-schema";
import { bodyToPlainText, plainTextToTiptapDoc } from "@/lib/rich-text/body-text";
import { renderBodyHtml } from "@/lib/rich-text/render-html";
import type { Prisma } from "@/server/db/generated/client";

export type StoredBody = { body: Prisma.InputJsonValue; bodyHtml: string; bodyText: string };

export function prepareBody(input: AnnotationBodyInput): StoredBody {
  const doc = input.format === "tiptap" ? input.doc : plainTextToTiptapDoc(input.text);
  const asTiptap = { format: "tiptap" as const, doc };
  return {
    body: doc as Prisma.InputJsonValue,
    bodyHtml: renderBodyHtml(asTiptap),
    bodyText: bodyToPlainText(asTiptap),
  };
}
