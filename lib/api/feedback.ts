// Private feedback: an instructor's comment on a student's annotation, seen only by that
// annotation's author and the group's owners and instructors. Schemas of
// /api/annotations/{id}/feedback.
import "@/lib/zod-setup";
import { z } from "zod";
import { AnnotationBodyInputSchema } from "@/lib/rich-text/tiptap-schema";

export const CreateFeedbackRequest = z
  .strictObject({ id: z.uuid().optional(), body: AnnotationBodyInputSchema })
  .meta({ id: "CreateFeedbackRequest" });
export type CreateFeedbackInput = z.output<typeof CreateFeedbackRequest>;

export const Feedback = z
  .object({
    id: z.uuid(),
    annotationId: z.uuid(),
    author: z.object({ id: z.uuid(), name: z.string() }),
    /** Sanitized HTML and plain text of the body. */
    body: z.object({ html: z.string(), text: z.string() }),
    createdAt: z.string(),
  })
  .meta({ id: "Feedback" });
export type FeedbackDto = z.infer<typeof Feedback>;

export const FeedbackListResponse = z
  .object({ items: z.array(Feedback), canWrite: z.boolean() })
  .meta({ id: "FeedbackList" });
export type FeedbackListDto = z.infer<typeof FeedbackListResponse>;
