// Builds /api/openapi.json from the same zod schemas the routes validate with.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ErrorResponse } from "@/lib/api/common";
import { DocumentIdOrSlugParam, DocumentListResponse, DocumentResponse } from "@/lib/api/documents";
import { CreateTokenRequest, TokenCreatedResponse, TokenListResponse } from "@/lib/api/tokens";
import { CreateUserRequest, UserResponse } from "@/lib/api/users";

const jsonContent = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const error = (description: string) => ({ description, ...jsonContent(ErrorResponse) });
const authenticated: Pick<RouteConfig, "security"> = { security: [{ bearerAuth: [] }, { sessionCookie: [] }] };

function registerRoutes(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "post",
    path: "/api/users",
    summary: "Create an account (sign up)",
    request: { body: jsonContent(CreateUserRequest) },
    responses: {
      201: { description: "The new account", ...jsonContent(UserResponse) },
      400: error("Invalid input, e.g. a password under 8 characters"),
      409: error("The email is taken"),
      429: error("Too many attempts; see Retry-After"),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/tokens",
    summary: "Exchange email and password for a personal API token",
    request: { body: jsonContent(CreateTokenRequest) },
    responses: {
      201: { description: "The token; its secret is shown only once", ...jsonContent(TokenCreatedResponse) },
      400: error("Invalid input"),
      401: error("Wrong email or password"),
      429: error("Too many attempts; see Retry-After"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/tokens",
    summary: "List my API tokens",
    ...authenticated,
    responses: { 200: { description: "Live tokens", ...jsonContent(TokenListResponse) }, 401: error("Not signed in") },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/tokens/{id}",
    summary: "Revoke one of my API tokens",
    ...authenticated,
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 204: { description: "Revoked" }, 401: error("Not signed in"), 404: error("No such token") },
  });
  registry.registerPath({
    method: "get",
    path: "/api/me",
    summary: "The signed-in user",
    ...authenticated,
    responses: { 200: { description: "Me", ...jsonContent(UserResponse) }, 401: error("Not signed in") },
  });
  registry.registerPath({
    method: "get",
    path: "/api/documents",
    summary: "List documents",
    ...authenticated,
    responses: { 200: { description: "Documents", ...jsonContent(DocumentListResponse) }, 401: error("Not signed in") },
  });
  registry.registerPath({
    method: "get",
    path: "/api/documents/{idOrSlug}",
    summary: "A document with its current revision",
    ...authenticated,
    request: { params: z.object({ idOrSlug: DocumentIdOrSlugParam }) },
    responses: {
      200: { description: "The document", ...jsonContent(DocumentResponse) },
      401: error("Not signed in"),
      404: error("No such document"),
    },
  });
}

export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer" });
  registry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "authjs.session-token",
  });
  registerRoutes(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Marginalia API", version: "0.1.0", description: "Collaborative annotated reading." },
    servers: [{ url: "/" }],
  });
}
