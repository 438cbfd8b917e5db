// `presence:*`: who is reading a group's stream now, what each has selected (shown
// faintly to the others) and who is replying to which thread. Nothing is stored:
// presence lives in the sockets' rooms, which the adapter shares across processes.
import { AppError } from "@/lib/errors";
import { PresenceSelectRequest, PresenceTypingRequest, type PresenceUser } from "@/lib/api/realtime";
import { rooms } from "@/lib/realtime/delivery";
import { onSocketEvent } from "./socket-event";
import type { AppServer, AppSocket } from "./socket-types";

export function registerPresenceHandlers(io: AppServer, socket: AppSocket) {
  onSocketEvent(socket, "presence:select", PresenceSelectRequest, async (selection) => {
    const room = requireFollowing(socket, selection.documentId, selection.groupId);
    socket.to(room).except(rooms.user(socket.data.user.id)).emit("presence:selection", { ...selection, user: socket.data.user });
    return { sent: true };
  });

  onSocketEvent(socket, "presence:typing", PresenceTypingRequest, async (typing) => {
    const room = requireFollowing(socket, typing.documentId, typing.groupId);
    socket.to(room).except(rooms.user(socket.data.user.id)).emit("presence:typing", { ...typing, user: socket.data.user });
    return { sent: true };
  });

  socket.on("disconnecting", () => {
    const streams = [...socket.rooms].filter((room) => /^s:[^:]+:[^:]+$/.test(room));
    // After the socket has left its rooms, tell each stream who remains.
    setImmediate(() => {
      for (const room of streams) {
        const [, documentId, groupId] = room.split(":") as [string, string, string];
        void broadcastReaders(io, documentId, groupId);
      }
    });
  });
}

/** Presence goes only to a stream the socket has joined (and so was allowed to). */
function requireFollowing(socket: AppSocket, documentId: string, groupId: string): string {
  const room = rooms.stream(documentId, groupId);
  if (!socket.rooms.has(room)) throw new AppError("NOT_FOUND", "Join this document's group stream first.");
  return room;
}

export async function broadcastReaders(io: AppServer, documentId: string, groupId: string) {
  const room = rooms.stream(documentId, groupId);
  try {
    const sockets = await io.in(room).fetchSockets();
    const readers = new Map<string, PresenceUser>();
    for (const socket of sockets) readers.set(socket.data.user.id, socket.data.user);
    io.to(room).emit("presence:readers", { documentId, groupId, readers: [...readers.values()] });
  } catch (error) {
    console.error("[realtime] could not list readers", error);
  }
}
