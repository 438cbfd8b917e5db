// `review:watch` / `review:unwatch`: an instructor's open review page follows its group,
// and is told (`review:changed`) whenever the group's discussion changes, so its
// queues and counts refresh without a reload. Only the group's reviewers may watch.
import { z } from "zod";
import { rooms } from "@/lib/realtime/delivery";
import { requireGroupRole } from "@/server/groups/require-group-role";
import { onSocketEvent } from "./socket-event";
import type { AppServer, AppSocket } from "./socket-types";

const ReviewWatchRequest = z.strictObject({ groupId: z.uuid() });

export function registerReviewHandlers(_io: AppServer, socket: AppSocket) {
  onSocketEvent(socket, "review:watch", ReviewWatchRequest, async ({ groupId }) => {
    await requireGroupRole(socket.data.actor, groupId, "group:review");
    await socket.join(rooms.review(groupId));
    return { groupId };
  });
  onSocketEvent(socket, "review:unwatch", ReviewWatchRequest, async ({ groupId }) => {
    await socket.leave(rooms.review(groupId));
    return { groupId };
  });
}
