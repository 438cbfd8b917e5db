import { buildOpenApiDocument } from "@/server/openapi/openapi-document";

export function GET() {
  return Response.json(buildOpenApiDocument());
}
