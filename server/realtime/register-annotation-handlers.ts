// `annotation:*` events: the same writes as /api/annotations, through the same
// services and schemas. The service logs and broadcasts the change; the ack carries
// the result exactly as the REST response body would.
import {
  SocketAnnotationId,
  SocketCreateAnnotation,
  SocketCreateReply,
  SocketReaction,
  SocketResolve,
  SocketUpdateAnnotation,
} from "@/lib/api/realtime";
import { createAnnotation } from "@/server/annotations/create-annotation";
import { createReply } from "@/server/annotations/create-reply";
import { deleteAnnotation } from "@/server/annotations/delete-annotation";
import { setReaction } from "@/server/annotations/react-to-annotation";
import { setResolved } from "@/server/annotations/set-resolved";
import { updateAnnotation } from "@/server/annotations/update-annotation";
import { consumeWriteBudget } from "@/server/rate-limit/write-rate-limit";
import { onSocketEvent } from "./socket-event";
import type { AppServer, AppSocket } from "./socket-types";

export function registerAnnotationHandlers(_io: AppServer, socket: AppSocket) {
  const writer = async () => {
    await consumeWriteBudget(socket.data.actor, socket.data.ip);
    return socket.data.actor;
  };

  // The create statement itself re-checks the socket's credential: one round trip for the commonest write.
  onSocketEvent(
    socket,
    "annotation:create",
    SocketCreateAnnotation,
    async (input) => {
      const { annotation } = await createAnnotation({ actor: await writer(), input, recheckCredential: true });
      return annotation;
    },
    { credentialCheckedByHandler: true },
  );
  onSocketEvent(socket, "annotation:reply", SocketCreateReply, async ({ parentId, ...input }) => {
    const { annotation } = await createReply({ actor: await writer(), parentId, input });
    return annotation;
  });
  onSocketEvent(socket, "annotation:update", SocketUpdateAnnotation, async ({ id, changes }) =>
    updateAnnotation({ actor: await writer(), annotationId: id, input: changes }),
  );
  onSocketEvent(socket, "annotation:delete", SocketAnnotationId, async ({ id }) =>
    deleteAnnotation({ actor: await writer(), annotationId: id }),
  );
  onSocketEvent(socket, "annotation:react", SocketReaction, async ({ id, type, on }) =>
    setReaction({ actor: await writer(), annotationId: id, type, on }),
  );
  onSocketEvent(socket, "annotation:resolve", SocketResolve, async ({ id, resolved }) =>
    setResolved({ actor: await writer(), annotationId: id, resolved }),
  );
}
