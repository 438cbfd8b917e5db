// `room:*` and `sync`: following a (document, group) stream. Joining checks
// membership and puts the socket in exactly the rooms its viewer facts allow;
// `sync` returns what a reconnecting client missed.
import { RoomJoinRequest, SyncRequest, type RoomJoinResult } from "@/lib/api/realtime";
import { rooms, roomsForViewer } from "@/lib/realtime/delivery";
import { streamKeyOf } from "./change-log";
import { listChangesSince, streamHead } from "./list-changes";
import { broadcastReaders } from "./register-presence-handlers";
import { onSocketEvent } from "./socket-event";
import type { AppServer, AppSocket } from "./socket-types";
import { resolveStreamViewer } from "./stream-viewer";

export function registerStreamHandlers(io: AppServer, socket: AppSocket) {
  onSocketEvent(socket, "room:join", RoomJoinRequest, async ({ documentId, groupId }): Promise<RoomJoinResult> => {
    const actor = socket.data.actor;
    const viewer = await resolveStreamViewer(actor, documentId, groupId);
    const streamGroupId = groupId === "private" ? null : groupId;
    leaveStream(socket, documentId, streamGroupId);
    await socket.join(roomsForViewer(documentId, streamGroupId, viewer));
    const head = await streamHead(documentId, streamKeyOf({ groupId: streamGroupId, authorId: actor.userId }));
    if (streamGroupId) void broadcastReaders(io, documentId, streamGroupId);
    return { groupId, head };
  });

  onSocketEvent(socket, "room:leave", RoomJoinRequest, async ({ documentId, groupId }) => {
    const streamGroupId = groupId === "private" ? null : groupId;
    leaveStream(socket, documentId, streamGroupId);
    if (streamGroupId) void broadcastReaders(io, documentId, streamGroupId);
    return { groupId };
  });

  onSocketEvent(socket, "sync", SyncRequest, (input) => listChangesSince({ actor: socket.data.actor, input }));
}

function leaveStream(socket: AppSocket, documentId: string, groupId: string | null) {
  const prefix = groupId ? rooms.stream(documentId, groupId) : rooms.private(documentId, socket.data.actor.userId);
  for (const room of socket.rooms) {
    if (room === prefix || room.startsWith(`${prefix}:`)) void socket.leave(room);
  }
}
