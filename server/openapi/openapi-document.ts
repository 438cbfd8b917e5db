// Builds /api/openapi.json from the same zod schemas the routes validate with.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ErrorResponse } from "@/lib/api/common";
import { DocumentIdOrSlugParam, DocumentListResponse, DocumentResponse } from "@/lib/api/documents";
import { ChangeEventsQuery, SyncResponse } from "@/lib/api/realtime";
import { ExportQuery, ImportQuery, ImportReportResponse, ImportRequest, MAX_IMPORT_BODY_BYTES } from "@/lib/api/exports";
import { CreateTokenRequest, TokenCreatedResponse, TokenListResponse } from "@/lib/api/tokens";
import { CreateUserRequest, UserResponse } from "@/lib/api/users";
import {
  AnnotationListResponse,
  AnnotationResponse,
  CreateAnnotationRequest,
  CreateReplyRequest,
  HighlightSpansQuery,
  HighlightSpansResponse,
  ListAnnotationsQuery,
  AnnotationListHead,
  ReactionRequest,
  ReactionTypeSchema,
  UpdateAnnotationRequest,
} from "@/lib/api/annotations";
import {
  ChangeRoleRequest,
  CreatedGroupResponse,
  CreateGroupRequest,
  CreateInviteRequest,
  GroupDetail,
  GroupInvite,
  GroupListResponse,
  GroupMember,
  JoinGroupRequest,
  PutTagsRequest,
  UpdateGroupRequest,
} from "@/lib/api/groups";
import { FlagRequest, ModerationRequest } from "@/lib/api/annotations";
import { SearchQuery, SearchResponse } from "@/lib/api/search";
import { MemberActivityResponse, ReviewQuery, ReviewResponse } from "@/lib/api/review";
import { CreateFeedbackRequest, Feedback, FeedbackListResponse } from "@/lib/api/feedback";
import { ListNotificationsQuery, MarkReadRequest, NotificationListResponse, UnreadCountResponse } from "@/lib/api/notifications";

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
  registry.registerPath({
    method: "get",
    path: "/api/documents/{idOrSlug}/events",
    summary:
      "Changes to one stream (a group's annotations on the document, or `private`) after a sequence number: what a reconnecting client missed, in order",
    ...authenticated,
    request: { params: z.object({ idOrSlug: z.uuid() }), query: ChangeEventsQuery },
    responses: {
      200: { description: "The missed changes, or `reload: true` when too far behind", ...jsonContent(SyncResponse) },
      400: error("Invalid input"),
      401: error("Not signed in"),
      404: error("No such document or group"),
    },
  });
}

function registerExportRoutes(registry: OpenAPIRegistry) {
  const params = z.object({ idOrSlug: DocumentIdOrSlugParam });
  registry.registerPath({
    method: "get",
    path: "/api/documents/{idOrSlug}/export",
    summary: "Export the annotations I may read on a document: Markdown notes, CSV, W3C JSON-LD or a printable page (streamed)",
    ...authenticated,
    request: { params, query: ExportQuery },
    responses: {
      200: {
        description: "The file, with a Content-Disposition filename",
        content: {
          "text/markdown": { schema: z.string() },
          "text/csv": { schema: z.string() },
          "application/ld+json": { schema: z.string() },
          "text/html": { schema: z.string() },
        },
      },
      400: error("Invalid query, e.g. an unknown format"),
      401: error("Not signed in"),
      404: error("No such document, or a group you are not in"),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/documents/{idOrSlug}/import",
    summary: `Import W3C Web Annotation JSON-LD (ours or Hypothesis's) into a group or my private annotations; at most ${MAX_IMPORT_BODY_BYTES} bytes`,
    ...authenticated,
    request: { params, query: ImportQuery, body: { content: { "application/ld+json": { schema: ImportRequest }, "application/json": { schema: ImportRequest } } } },
    responses: {
      200: { description: "What was created, anchored fuzzily, orphaned, skipped or refused", ...jsonContent(ImportReportResponse) },
      400: error("Not valid JSON-LD, or too many annotations"),
      401: error("Not signed in"),
      404: error("No such document, or a group you are not in"),
      413: error("The file is larger than the cap"),
      415: error("Not sent as JSON"),
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
    responses: {
      200: {
        description:
          "Threads. With format=ndjson, application/x-ndjson instead: a first line AnnotationListHead, then one Annotation (a thread) per line",
        content: {
          "application/json": { schema: AnnotationListResponse },
          // The schema of one line.
          "application/x-ndjson": { schema: z.union([AnnotationListHead, AnnotationResponse]) },
        },
      },
      400: common[400],
      401: common[401],
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/annotations/spans",
    summary: "Only the passages to paint (id, start, end, color) of the annotations I can read on a document",
    ...authenticated,
    request: { query: HighlightSpansQuery },
    responses: { 200: { description: "Spans", ...jsonContent(HighlightSpansResponse) }, 400: common[400], 401: common[401] },
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

function registerGroupRoutes(registry: OpenAPIRegistry) {
  const groupId = z.object({ id: z.uuid() });
  const scoped = { 401: error("Not signed in"), 404: error("No such group, or not yours (logged)") };
  const vocabulary = z.object({
    allowMemberTags: z.boolean(),
    tags: z.array(z.object({ name: z.string(), color: z.string(), retired: z.boolean() })),
  });
  const path = (method: "get" | "post" | "patch" | "put" | "delete", route: string, summary: string, rest: Omit<RouteConfig, "method" | "path" | "summary">) =>
    registry.registerPath({ method, path: route, summary, ...authenticated, ...rest });

  path("post", "/api/groups", "Create a study group (you become its owner)", {
    request: { body: jsonContent(CreateGroupRequest) },
    responses: { 201: { description: "Created", ...jsonContent(CreatedGroupResponse) }, 400: error("Invalid input"), 401: scoped[401] },
  });
  path("get", "/api/groups/{id}", "A group I belong to", {
    request: { params: groupId },
    responses: { 200: { description: "The group", ...jsonContent(GroupDetail) }, ...scoped },
  });
  path("patch", "/api/groups/{id}", "Change name, description, post-first mode or member tags (owners)", {
    request: { params: groupId, body: jsonContent(UpdateGroupRequest) },
    responses: { 200: { description: "Updated", ...jsonContent(GroupDetail) }, ...scoped, 403: error("Not an owner") },
  });
  path("post", "/api/groups/join", "Join a group with an invite code", {
    request: { body: jsonContent(JoinGroupRequest) },
    responses: {
      201: { description: "Joined", ...jsonContent(z.object({ id: z.uuid(), name: z.string(), role: z.string() })) },
      200: { description: "Already a member" },
      404: error("Unknown, revoked, expired or used-up code"),
    },
  });
  path("get", "/api/groups/{id}/members", "Members and their roles", {
    request: { params: groupId },
    responses: { 200: { description: "Members", ...jsonContent(z.object({ items: z.array(GroupMember) })) }, ...scoped },
  });
  path("patch", "/api/groups/{id}/members/{userId}", "Change a member's role (owners; a group keeps one owner)", {
    request: { params: z.object({ id: z.uuid(), userId: z.uuid() }), body: jsonContent(ChangeRoleRequest) },
    responses: { 200: { description: "Changed" }, ...scoped, 403: error("Not an owner"), 409: error("The last owner") },
  });
  path("delete", "/api/groups/{id}/members/{userId}", "Remove a member (owners, instructors) or leave (yourself)", {
    request: { params: z.object({ id: z.uuid(), userId: z.uuid() }) },
    responses: { 204: { description: "Removed" }, ...scoped, 403: error("Not allowed"), 409: error("The last owner") },
  });
  path("get", "/api/groups/{id}/invites", "Invitations (owners)", {
    request: { params: groupId },
    responses: { 200: { description: "Invitations", ...jsonContent(z.object({ items: z.array(GroupInvite) })) }, ...scoped },
  });
  path("post", "/api/groups/{id}/invites", "Create an invitation (owners)", {
    request: { params: groupId, body: jsonContent(CreateInviteRequest) },
    responses: { 201: { description: "Created", ...jsonContent(GroupInvite) }, ...scoped, 403: error("Not an owner"), 422: error("A personal group") },
  });
  path("delete", "/api/groups/{id}/invites/{inviteId}", "Revoke an invitation (owners)", {
    request: { params: z.object({ id: z.uuid(), inviteId: z.uuid() }) },
    responses: { 204: { description: "Revoked" }, ...scoped },
  });
  path("get", "/api/groups/{id}/tags", "The tag vocabulary", {
    request: { params: groupId },
    responses: { 200: { description: "Vocabulary", ...jsonContent(vocabulary) }, ...scoped },
  });
  path("put", "/api/groups/{id}/tags", "Add, rename, recolor or retire tags (owners, instructors)", {
    request: { params: groupId, body: jsonContent(PutTagsRequest) },
    responses: { 200: { description: "Vocabulary", ...jsonContent(vocabulary) }, ...scoped, 403: error("Not allowed"), 409: error("Name taken") },
  });
  path("get", "/api/groups/{id}/moderation-log", "Moderation log (owners, instructors)", {
    request: { params: groupId },
    responses: { 200: { description: "Entries" }, ...scoped, 403: error("Not a moderator") },
  });
  const annotationId = z.object({ id: z.uuid() });
  path("post", "/api/annotations/{id}/flag", "Flag an annotation for the moderators", {
    request: { params: annotationId, body: jsonContent(FlagRequest) },
    responses: { 201: { description: "Flagged" }, 401: scoped[401], 404: error("No such annotation") },
  });
  for (const verb of ["hide", "unhide"] as const) {
    path("post", `/api/annotations/{id}/${verb}`, verb === "hide" ? "Hide an annotation (moderators)" : "Unhide an annotation (moderators)", {
      request: { params: annotationId, body: jsonContent(ModerationRequest) },
      responses: { 200: { description: "The annotation", ...jsonContent(AnnotationResponse) }, 401: scoped[401], 403: error("Not a moderator"), 404: error("No such annotation") },
    });
  }
}

function registerReviewRoutes(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "get",
    path: "/api/search",
    summary: "Full-text search over annotation bodies, quotes and tags in every group I can read, best match first",
    ...authenticated,
    request: { query: SearchQuery },
    responses: { 200: { description: "Results with highlighted snippets", ...jsonContent(SearchResponse) }, 400: error("Invalid input"), 401: error("Not signed in") },
  });
  const scoped = { 400: error("Invalid input"), 401: error("Not signed in"), 404: error("No such group, member or document, or not yours (logged)") };
  registry.registerPath({
    method: "get",
    path: "/api/groups/{id}/review",
    summary: "Participation, activity per day, heat map and queues of a group's discussion (owners, instructors)",
    ...authenticated,
    request: { params: z.object({ id: z.uuid() }), query: ReviewQuery },
    responses: { 200: { description: "The review", ...jsonContent(ReviewResponse) }, ...scoped, 403: error("Not an owner or instructor") },
  });
  registry.registerPath({
    method: "get",
    path: "/api/groups/{id}/members/{userId}/activity",
    summary: "One member's threads and replies in a group (owners, instructors, and the member)",
    ...authenticated,
    request: { params: z.object({ id: z.uuid(), userId: z.uuid() }), query: ReviewQuery },
    responses: { 200: { description: "The activity", ...jsonContent(MemberActivityResponse) }, ...scoped, 403: error("Another member's activity") },
  });
  const annotationId = z.object({ id: z.uuid() });
  const noAnnotation = { 400: error("Invalid input"), 401: error("Not signed in"), 404: error("No such annotation, or not visible to you") };
  registry.registerPath({
    method: "get",
    path: "/api/annotations/{id}/feedback",
    summary: "Private feedback on an annotation (its author, and the group's owners and instructors)",
    ...authenticated,
    request: { params: annotationId },
    responses: { 200: { description: "Feedback, oldest first", ...jsonContent(FeedbackListResponse) }, ...noAnnotation, 403: error("Neither the author nor a reviewer") },
  });
  registry.registerPath({
    method: "post",
    path: "/api/annotations/{id}/feedback",
    summary: "Give private feedback on an annotation in my group (owners, instructors; idempotent on a client-chosen id)",
    ...authenticated,
    request: { params: annotationId, body: jsonContent(CreateFeedbackRequest) },
    responses: {
      201: { description: "Created", ...jsonContent(Feedback) },
      200: { description: "Replayed", ...jsonContent(Feedback) },
      ...noAnnotation,
      403: error("Not an owner or instructor of the annotation's group"),
      409: error("The id is taken"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/notifications",
    summary: "My notifications, newest first, with the unread count",
    ...authenticated,
    request: { query: ListNotificationsQuery },
    responses: { 200: { description: "Notifications", ...jsonContent(NotificationListResponse) }, 400: error("Invalid input"), 401: error("Not signed in") },
  });
  registry.registerPath({
    method: "post",
    path: "/api/notifications/read",
    summary: "Mark some ({ids}) or all ({all: true}) of my notifications read",
    ...authenticated,
    request: { body: jsonContent(MarkReadRequest) },
    responses: { 200: { description: "What is left unread", ...jsonContent(UnreadCountResponse) }, 400: error("Invalid input"), 401: error("Not signed in") },
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
  registerExportRoutes(registry);
  registerGroupRoutes(registry);
  registerReviewRoutes(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Marginalia API", version: "0.1.0", description: "Collaborative annotated reading." },
    servers: [{ url: "/" }],
  });
}
