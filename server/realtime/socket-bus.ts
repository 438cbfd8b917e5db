// The real-time bus backed by socket.io: turns committed changes into emits to the
// rooms the delivery plan names. With the Redis adapter the same emits reach sockets
// on every server process.
import { deliveryPlan, redactedChange, rooms } from "@/lib/realtime/delivery";
import type { RecordedChange } from "./change-log";
import type { RealtimeBus } from "./realtime-bus";
import { broadcastReaders } from "./register-presence-handlers";
import type { AppServer } from "./socket-types";

/**
 * The room of the tab that made a change. Client ids are chosen by clients, so the room is
 * scoped to the user: another user sending the same id (x-client-id is just a header) must
 * not turn someone else's delivery into a bare tick and so make them silently miss a change.
 */
export function originRoom(userId: string, clientId: string): string {
  return rooms.client(`${userId}:${clientId}`);
}

export function createSocketBus(io: AppServer): RealtimeBus {
  return {
    toUser(userId, notice) {
      io.to(rooms.user(userId)).emit(notice.event as "notification:new", notice.payload);
    },

    publishChange(change) {
      const { event, subject } = change;
      const origin = change.clientId ? originRoom(event.actorId, change.clientId) : null;
      const tick = { documentId: event.documentId, groupId: event.groupId, seq: event.seq };
      for (const step of deliveryPlan(subject)) {
        const target = io.to(step.to).except(origin ? [...step.except, origin] : step.except);
        if (step.form === "tick") target.emit("stream:tick", tick);
        else target.emit("annotation:changed", step.form === "full" ? event : redactedChange(event));
      }
      // The tab that made the change has it already; it only learns the number, to stay in order.
      if (origin) io.to(origin).emit("stream:tick", tick);
      // Reviewers see every change of their group; their open review pages refetch.
      if (subject.groupId) io.to(rooms.review(subject.groupId)).emit("review:changed", { groupId: subject.groupId });
      if (change.unlocksPeers) void unlockPeers(io, change);
    },

    membershipChanged(userId, groupId) {
      void io
        .in(rooms.user(userId))
        .fetchSockets()
        .then((sockets) => {
          const documentIds = new Set<string>();
          for (const socket of sockets) {
            for (const room of socket.rooms) {
              const [prefix, documentId, roomGroupId] = room.split(":");
              if (prefix !== "s" || roomGroupId !== groupId || !documentId) continue;
              documentIds.add(documentId);
              socket.leave(room);
            }
            socket.emit("stream:rejoin", { documentId: null, groupId });
          }
          // The others stop listing them as reading (a new role rejoins and is listed again).
          for (const documentId of documentIds) void broadcastReaders(io, documentId, groupId);
        })
        .catch((error: unknown) => console.error("[realtime] could not update rooms after a membership change", error));
    },

    groupRulesChanged(groupId) {
      // Rare (an owner's settings change), so finding the group's sockets by looking at all is fine.
      void io
        .fetchSockets()
        .then((sockets) => {
          for (const socket of sockets) {
            const documentIds = new Set<string>();
            for (const room of socket.rooms) {
              const [prefix, documentId, roomGroupId] = room.split(":");
              if (prefix !== "s" || roomGroupId !== groupId || !documentId) continue;
              documentIds.add(documentId);
              socket.leave(room);
            }
            // With a document named, the client reloads: what it may see has changed wholesale.
            for (const documentId of documentIds) socket.emit("stream:rejoin", { documentId, groupId });
          }
        })
        .catch((error: unknown) => console.error("[realtime] could not apply a group's new rules", error));
    },

    credentialRevoked(credentialId) {
      io.in(rooms.credential(credentialId)).disconnectSockets(true);
    },
  };
}

/** A first post in a "post first" group opens the author's view of peers: join and refetch. */
async function unlockPeers(io: AppServer, change: RecordedChange) {
  const { documentId, groupId, authorId } = change.subject;
  if (!groupId) return;
  const peers = rooms.peers(documentId, groupId);
  try {
    const sockets = await io.in(rooms.member(documentId, groupId, authorId)).fetchSockets();
    for (const socket of sockets) {
      if (socket.rooms.has(peers)) continue;
      socket.join(peers);
      socket.emit("stream:rejoin", { documentId, groupId });
    }
  } catch (error) {
    console.error("[realtime] could not unlock peers", error);
  }
}
