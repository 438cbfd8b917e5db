// Browser calls for annotations, typed by the same schemas the server validates with.
import type { z } from "zod";
import type {
  AnnotationDto,
  CreateAnnotationRequest,
  CreateReplyRequest,
  HighlightSpansDto,
  StreamHead,
  UpdateAnnotationRequest,
} from "@/lib/api/annotations";
import { readNdjson } from "./read-ndjson";
import { requestBody, requestJson } from "./request-json";

type Input<S extends z.ZodType> = z.input<S>;
type ReactionType = "helpful" | "same_question";

export const annotationsClient = {
  create: (input: Input<typeof CreateAnnotationRequest>) => requestJson<AnnotationDto>("POST", "/api/annotations", input),
  update: (id: string, input: Input<typeof UpdateAnnotationRequest>) =>
    requestJson<AnnotationDto>("PATCH", `/api/annotations/${id}`, input),
  remove: (id: string) => requestJson<void>("DELETE", `/api/annotations/${id}`),
  reply: (parentId: string, input: Input<typeof CreateReplyRequest>) =>
    requestJson<AnnotationDto>("POST", `/api/annotations/${parentId}/replies`, input),
  react: (id: string, type: ReactionType, on: boolean) =>
    on
      ? requestJson<AnnotationDto>("POST", `/api/annotations/${id}/reactions`, { type })
      : requestJson<AnnotationDto>("DELETE", `/api/annotations/${id}/reactions/${type}`),
  setResolved: (id: string, resolved: boolean) =>
    requestJson<AnnotationDto>("POST", `/api/annotations/${id}/${resolved ? "resolve" : "reopen"}`),
  get: (id: string) => requestJson<AnnotationDto>("GET", `/api/annotations/${id}`),
  /**
   * Every thread on a document, read as it arrives (format=ndjson): `onThreads` gets them
   * in order, a few at a time, with the browser free to paint and respond in between.
   */
  listInSlices: async (documentId: string, onThreads: (threads: AnnotationDto[]) => void, signal?: AbortSignal) => {
    const body = await requestBody(`/api/annotations?documentId=${encodeURIComponent(documentId)}&format=ndjson`, "application/x-ndjson", signal);
    let head: { streams: StreamHead[] } | null = null;
    await readNdjson(body, (values) => {
      if (!head) head = values.shift() as { streams: StreamHead[] };
      if (values.length > 0) onThreads(values as AnnotationDto[]);
    });
    if (!head) throw new Error("The discussion arrived incomplete.");
    return head as { streams: StreamHead[] };
  },
  /** Only the passages to paint. Marks "marginalia:annotations-data" when the response arrives (read by bench/). */
  spans: async (documentId: string) => {
    const { items } = await requestJson<HighlightSpansDto>(
      "GET",
      `/api/annotations/spans?documentId=${encodeURIComponent(documentId)}`,
      undefined,
      () => performance.mark("marginalia:annotations-data"),
    );
    return items;
  },
};
