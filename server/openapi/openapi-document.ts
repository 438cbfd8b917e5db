// Builds /api/openapi.json from the same zod schemas the routes validate with.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ErrorResponse } from "@/lib/api/common";
import { DocumentIdOrSlugParam, DocumentListResponse, DocumentResponse } from "@/lib/api/documents";
import { CreateTokenRequest, TokenCreatedResponse, TokenListResponse } from "@/lib/api/tokens";
import { CreateUserRequest, UserResponse } from "@/lib/api/users";
import {
  AnnotationListResponse,
  AnnotationResponse,
  CreateAnnotationRequest,
  CreateReplyRequest,
  ListAnnotationsQuery,
  ReactionRequest,
  ReactionTypeSchema,
  UpdateAnnotationRequest,
} from "@/lib/api/annotations";
import { GroupListResponse } from "@/lib/api/groups";

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

function registerAnnotationRoutes(registry: OpenAPIRegistry) {
  const idParam = z.object({ id: z.uuid() });
  const annotation = (description: string) => ({ description, ...jsonContent(AnnotationResponse) });
  const common = {
    400: error("Invalid input"),
    401: error("Not signed in"),
    404: error("No such annotation, or not visible to you"),
  };
  registry.registerPath({
    method: "post",
    path: "/api/annotations",
    summary: "Create a highlight, comment, tagged note or page note (idempotent on a client-chosen id)",
    ...authenticated,
    request: { body: jsonContent(CreateAnnotationRequest) },
    responses: {
      201: annotation("Created"),
      200: annotation("The same id was sent again: the stored annotation, nothing created"),
      ...common,
      409: error("The id belongs to someone else's annotation"),
      422: error("The target does not match the revision's text (INVALID_TARGET)"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/annotations",
    summary: "Threads on a document in document order (page notes first), each with its replies",
    ...authenticated,
    request: { query: ListAnnotationsQuery },
    responses: { 200: { description: "Threads", ...jsonContent(AnnotationListResponse) }, 400: common[400], 401: common[401] },
  });
  registry.registerPath({ method: "get", path: "/api/annotations/{id}", summary: "One annotation with its replies", ...authenticated, request: { params: idParam }, responses: { 200: annotation("The annotation"), ...common } });
  registry.registerPath({
    method: "patch",
    path: "/api/annotations/{id}",
    summary: "Edit my annotation's body, tags or color",
    ...authenticated,
    request: { params: idParam, body: jsonContent(UpdateAnnotationRequest) },
    responses: { 200: annotation("Updated"), ...common, 403: error("Not the author"), 409: error("Deleted") },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/annotations/{id}",
    summary: "Delete my annotation (it stays as 'deleted' while replies remain)",
    ...authenticated,
    request: { params: idParam },
    responses: { 204: { description: "Deleted" }, ...common, 403: error("Not the author") },
  });
  registry.registerPath({
    method: "post",
    path: "/api/annotations/{id}/replies",
    summary: "Reply in a thread (any depth; idempotent on a client-chosen id)",
    ...authenticated,
    request: { params: idParam, body: jsonContent(CreateReplyRequest) },
    responses: { 201: annotation("The reply"), 200: annotation("Replayed"), ...common },
  });
  registry.registerPath({
    method: "post",
    path: "/api/annotations/{id}/reactions",
    summary: "React (helpful, same question)",
    ...authenticated,
    request: { params: idParam, body: jsonContent(ReactionRequest) },
    responses: { 200: annotation("With updated reaction counts"), ...common },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/annotations/{id}/reactions/{type}",
    summary: "Take a reaction back",
    ...authenticated,
    request: { params: z.object({ id: z.uuid(), type: ReactionTypeSchema }) },
    responses: { 200: annotation("With updated reaction counts"), ...common },
  });
  for (const verb of ["resolve", "reopen"] as const) {
    registry.registerPath({
      method: "post",
      path: `/api/annotations/{id}/${verb}`,
      summary: verb === "resolve" ? "Mark a thread resolved (author or instructor)" : "Reopen a resolved thread",
      ...authenticated,
      request: { params: idParam },
      responses: { 200: annotation("The thread's root"), ...common, 403: error("Not the author or an instructor"), 422: error("Not a thread's root") },
    });
  }
  registry.registerPath({
    method: "get",
    path: "/api/groups",
    summary: "My groups, with my role and each group's tag vocabulary",
    ...authenticated,
    responses: { 200: { description: "Groups", ...jsonContent(GroupListResponse) }, 401: error("Not signed in") },
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
  registerAnnotationRoutes(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Marginalia API", version: "0.1.0", description: "Collaborative annotated reading." },
    servers: [{ url: "/" }],
  });
}
