// Who receives a change live, and in what form. Delivery is by socket.io rooms (so it
// works across server processes through the adapter); the rooms a socket joins come
// from the same viewer facts the read rules use, and `viewOfChange` states the rule
// directly, for resync and for the tests that check rooms and rule agree.
import type { ChangeEvent } from "@/lib/api/realtime";
import type { GroupRole } from "@/lib/permissions/permission-table";

/** What per-recipient visibility needs to know about the annotation a change is about. */
export type ChangeSubject = {
  documentId: string;
  /** null: a private annotation, seen only by its author. */
  groupId: string | null;
  annotationId: string;
  authorId: string;
  hidden: boolean;
};

/** A viewer of one (document, group) stream. */
export type StreamViewer = {
  userId: string;
  role: GroupRole | null;
  /** False in a "post first" group until the viewer has posted on the document. */
  seesPeers: boolean;
};

export type ChangeForm = "full" | "redacted" | "tick";

export function isModerator(role: GroupRole | null): boolean {
  return role === "owner" || role === "instructor";
}

/**
 * The rule: the author and moderators see everything of their own / their group;
 * members see peers' visible annotations once they may see peers; a hidden
 * annotation reaches other members only as "gone" (redacted) so it disappears
 * from their screens; everyone else in the stream learns only the sequence number.
 */
export function viewOfChange(viewer: StreamViewer, subject: ChangeSubject): ChangeForm | null {
  if (subject.groupId === null) return viewer.userId === subject.authorId ? "full" : null;
  if (viewer.role === null) return null;
  if (viewer.userId === subject.authorId || isModerator(viewer.role)) return "full";
  if (!viewer.seesPeers) return "tick";
  return subject.hidden ? "redacted" : "full";
}

export const rooms = {
  /** Every socket of a user, on any document. */
  user: (userId: string) => `u:${userId}`,
  /** The tab that made a change (its client id), so it is not sent its own echo. */
  client: (clientId: string) => `c:${clientId}`,
  /** The socket's session or token, so signing out ends its sockets. */
  credential: (credentialId: string) => `cred:${credentialId}`,
  /** Everyone following a group's stream on a document. */
  stream: (documentId: string, groupId: string) => `s:${documentId}:${groupId}`,
  peers: (documentId: string, groupId: string) => `s:${documentId}:${groupId}:peers`,
  moderators: (documentId: string, groupId: string) => `s:${documentId}:${groupId}:mod`,
  member: (documentId: string, groupId: string, userId: string) => `s:${documentId}:${groupId}:u:${userId}`,
  /** The open review pages of a group (its owners and instructors). */
  review: (groupId: string) => `review:${groupId}`,
  /** A user's private annotations on a document. */
  private: (documentId: string, userId: string) => `p:${documentId}:${userId}`,
};

/** The rooms a viewer's socket joins for one stream (groupId null: their private stream). */
export function roomsForViewer(documentId: string, groupId: string | null, viewer: StreamViewer): string[] {
  if (groupId === null) return [rooms.private(documentId, viewer.userId)];
  if (viewer.role === null) return [];
  const joined = [rooms.stream(documentId, groupId), rooms.member(documentId, groupId, viewer.userId)];
  if (viewer.seesPeers || isModerator(viewer.role)) joined.push(rooms.peers(documentId, groupId));
  if (isModerator(viewer.role)) joined.push(rooms.moderators(documentId, groupId));
  return joined;
}

export type DeliveryStep = { form: ChangeForm; to: string[]; except: string[] };

/** The emits that deliver a change: each socket lands in at most one step. */
export function deliveryPlan(subject: ChangeSubject): DeliveryStep[] {
  const { documentId, groupId, authorId } = subject;
  if (groupId === null) return [{ form: "full", to: [rooms.private(documentId, authorId)], except: [] }];
  const author = rooms.member(documentId, groupId, authorId);
  const peers = rooms.peers(documentId, groupId);
  const stream = rooms.stream(documentId, groupId);
  if (!subject.hidden) {
    const full = [peers, author];
    return [
      { form: "full", to: full, except: [] },
      { form: "tick", to: [stream], except: full },
    ];
  }
  const full = [rooms.moderators(documentId, groupId), author];
  return [
    { form: "full", to: full, except: [] },
    { form: "redacted", to: [peers], except: full },
    { form: "tick", to: [stream], except: [peers, ...full] },
  ];
}

/** A change as a recipient who may only learn that it is gone receives it. */
export function redactedChange(event: ChangeEvent): ChangeEvent {
  const { annotation: _annotation, reaction: _reaction, ...rest } = event;
  // A removal keeps every id it removed (a deleted reply can take its emptied tombstone with it).
  const removedIds = event.type === "annotation.removed" ? (event.removedIds ?? [event.annotationId]) : [event.annotationId];
  return { ...rest, type: "annotation.removed", removedIds };
}
