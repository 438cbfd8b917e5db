import { requireActor } from "@/server/auth/resolve-actor";
import { listDocuments } from "@/server/documents/get-document";
import { apiRoute, json } from "@/server/http/api-route";

export const GET = apiRoute(async (request) => {
  const actor = await requireActor(request.headers);
  return json(await listDocuments({ actor }));
});
