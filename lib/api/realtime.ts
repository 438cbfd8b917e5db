// Real-time: the schemas of every socket event (client → server payloads and the
// server's pushes) and of the REST twin of `sync`, GET /api/documents/{id}/events.
import "@/lib/zod-setup";
import { z } from "zod";
import {
  AnnotationResponse,
  CreateAnnotationRequest,
  CreateReplyRequest,
  ReactionTypeSchema,
  UpdateAnnotationRequest,
} from "./annotations";

/** A stream: a group's annotations on a document, or "private" for the viewer's own. */
export const StreamGroupSchema = z.union([z.uuid(), z.literal("private")]);
export type StreamGroup = z.infer<typeof StreamGroupSchema>;

/** How far back a client may resync before it is told to reload instead. */
export const MAX_SYNC_EVENTS = 500;

export const RoomJoinRequest = z
  .strictObject({ documentId: z.uuid(), groupId: StreamGroupSchema })
  .meta({ id: "RoomJoinRequest" });
export const RoomJoinResponse = z.object({ groupId: StreamGroupSchema, head: z.int().nonnegative() });
export type RoomJoinResult = z.infer<typeof RoomJoinResponse>;

export const ChangeTypeSchema = z.enum(["annotation.upserted", "annotation.removed"]);

export const ChangeEventSchema = z
  .object({
    documentId: z.uuid(),
    /** The stream: a group id, or "private". */
    groupId: StreamGroupSchema,
    seq: z.int().positive(),
    type: ChangeTypeSchema,
    annotationId: z.uuid(),
    /** The annotation after the change (upserted), seen by no one in particular: `reactions.mine` is empty. */
    annotation: AnnotationResponse.optional(),
    /** Annotations that no longer exist (removed), e.g. a deleted reply and the tombstone it emptied. */
    removedIds: z.array(z.uuid()).optional(),
    /** Set when the change is a reaction, so the reacting user's tabs can update `mine`. */
    reaction: z.object({ userId: z.uuid(), type: ReactionTypeSchema, on: z.boolean() }).optional(),
    actorId: z.uuid(),
    createdAt: z.string(),
  })
  .meta({ id: "ChangeEvent" });
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;

/** Sent to members of a stream who may not see a change: only that the stream moved on. */
export const StreamTickSchema = z.object({ documentId: z.uuid(), groupId: StreamGroupSchema, seq: z.int().positive() });
export type StreamTick = z.infer<typeof StreamTickSchema>;

export const SyncRequest = z
  .strictObject({ documentId: z.uuid(), groupId: StreamGroupSchema, since: z.int().nonnegative().max(Number.MAX_SAFE_INTEGER) })
  .meta({ id: "SyncRequest" });
export const SyncResponse = z
  .object({
    groupId: StreamGroupSchema,
    /** The stream's latest sequence number: the client's new "last seen". */
    head: z.int().nonnegative(),
    /** Every change after `since` the viewer may see, in order. */
    events: z.array(ChangeEventSchema),
    /** Too far behind (or ahead, after a database restore): reload the annotations instead. */
    reload: z.boolean(),
  })
  .meta({ id: "SyncResponse" });
export type SyncResult = z.infer<typeof SyncResponse>;

export const ChangeEventsQuery = z
  .strictObject({ groupId: StreamGroupSchema, since: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0) })
  .meta({ id: "ChangeEventsQuery" });

// Writes over the socket: the REST bodies, plus the id the REST path carries in its URL.
export const SocketCreateAnnotation = CreateAnnotationRequest;
export const SocketCreateReply = CreateReplyRequest.extend({ parentId: z.uuid() });
export const SocketUpdateAnnotation = z.strictObject({ id: z.uuid(), changes: UpdateAnnotationRequest });
export const SocketAnnotationId = z.strictObject({ id: z.uuid() });
export const SocketReaction = z.strictObject({ id: z.uuid(), type: ReactionTypeSchema, on: z.boolean() });
export const SocketResolve = z.strictObject({ id: z.uuid(), resolved: z.boolean() });

// Presence: who is reading, what they have selected, who is replying.
export const PresenceUserSchema = z.object({ id: z.uuid(), name: z.string() });
export type PresenceUser = z.infer<typeof PresenceUserSchema>;
export const PresenceListSchema = z.object({ documentId: z.uuid(), groupId: z.uuid(), readers: z.array(PresenceUserSchema) });
export type PresenceList = z.infer<typeof PresenceListSchema>;

export const PresenceSelectRequest = z
  .strictObject({
    documentId: z.uuid(),
    groupId: z.uuid(),
    range: z
      .strictObject({ start: z.int().nonnegative().max(10_000_000), end: z.int().positive().max(10_000_000) })
      .refine((range) => range.end > range.start, "end must be after start.")
      .nullable(),
  })
  .meta({ id: "PresenceSelectRequest" });
export const PresenceSelectionSchema = PresenceSelectRequest.extend({ user: PresenceUserSchema });
export type PresenceSelection = z.infer<typeof PresenceSelectionSchema>;

export const PresenceTypingRequest = z
  .strictObject({ documentId: z.uuid(), groupId: z.uuid(), threadId: z.uuid(), typing: z.boolean() })
  .meta({ id: "PresenceTypingRequest" });
export const PresenceTypingSchema = PresenceTypingRequest.extend({ user: PresenceUserSchema });
export type PresenceTyping = z.infer<typeof PresenceTypingSchema>;

/** The server's pushes, by event name. */
export type ServerToClientEvents = {
  "annotation:changed": (event: ChangeEvent) => void;
  "stream:tick": (tick: StreamTick) => void;
  /** The viewer's rights on a stream changed (joined, removed, promoted, unlocked): join again or reload. */
  "stream:rejoin": (info: { documentId: string | null; groupId: string }) => void;
  "presence:readers": (list: PresenceList) => void;
  "presence:selection": (selection: PresenceSelection) => void;
  "presence:typing": (typing: PresenceTyping) => void;
  "notification:new": (payload: unknown) => void;
  /** A group's discussion changed: its open review pages refetch. */
  "review:changed": (info: { groupId: string }) => void;
};
