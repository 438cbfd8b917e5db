import { CreateUserRequest } from "@/lib/api/users";
import { apiRoute, json, readJsonBody } from "@/server/http/api-route";
import { clientIpFromHeaders } from "@/server/http/client-ip";
import { registerUser } from "@/server/users/register-user";

export const POST = apiRoute(async (request) => {
  const input = await readJsonBody(request, CreateUserRequest);
  const user = await registerUser({ input, ip: clientIpFromHeaders(request.headers) });
  return json(user, 201);
});
