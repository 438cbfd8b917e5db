import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/server/openapi/openapi-document";

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument();

  it("describes every endpoint of the API", () => {
    expect(Object.keys(document.paths ?? {}).sort()).toEqual(
      [
        "/api/documents",
        "/api/documents/{idOrSlug}",
        "/api/documents/{idOrSlug}/export",
        "/api/documents/{idOrSlug}/import",
        "/api/documents/{idOrSlug}/events",
        "/api/me",
        "/api/tokens",
        "/api/tokens/{id}",
        "/api/users",
        "/api/annotations",
        "/api/annotations/{id}",
        "/api/annotations/spans",
        "/api/annotations/{id}/replies",
        "/api/annotations/{id}/reactions",
        "/api/annotations/{id}/reactions/{type}",
        "/api/annotations/{id}/resolve",
        "/api/annotations/{id}/reopen",
        "/api/groups",
        "/api/groups/{id}",
        "/api/groups/join",
        "/api/groups/{id}/members",
        "/api/groups/{id}/members/{userId}",
        "/api/groups/{id}/invites",
        "/api/groups/{id}/invites/{inviteId}",
        "/api/groups/{id}/tags",
        "/api/groups/{id}/moderation-log",
        "/api/annotations/{id}/flag",
        "/api/annotations/{id}/hide",
        "/api/annotations/{id}/unhide",
        "/api/search",
        "/api/groups/{id}/review",
        "/api/groups/{id}/members/{userId}/activity",
        "/api/annotations/{id}/feedback",
        "/api/notifications",
        "/api/notifications/read",
      ].sort(),
    );
  });

  it("is generated from the zod schemas, limits included", () => {
    const schemas = document.components?.schemas ?? {};
    const createUser = schemas.CreateUserRequest as { properties: Record<string, { minLength?: number }>; additionalProperties?: boolean };
    expect(createUser.properties.password?.minLength).toBe(8);
    expect(createUser.additionalProperties).toBe(false);
    expect(schemas.ErrorResponse).toBeDefined();
  });
});
