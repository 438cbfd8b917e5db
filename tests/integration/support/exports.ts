// Callers for the export and import routes, in-process like every other route caller.
// Exports are not JSON, so the body is kept as text and parsed only when it is an error.
import { GET as exportRoute } from "@/app/api/documents/[idOrSlug]/export/route";
import { POST as importRoute } from "@/app/api/documents/[idOrSlug]/import/route";
import { callRoute, expectNoStackTrace, jsonRequest, type ApiResponse } from "./http";
import type { Auth } from "./annotations";

export async function exportRaw(auth: Auth, idOrSlug: string, query: Record<string, string> | string): Promise<ApiResponse> {
  const search = typeof query === "string" ? query : new URLSearchParams(query).toString();
  const request = jsonRequest(`/api/documents/${encodeURIComponent(idOrSlug)}/export?${search}`, { token: auth.token, cookie: auth.cookie });
  const response = await exportRoute(request, { params: Promise.resolve({ idOrSlug }) });
  const text = await response.text();
  expectNoStackTrace(text);
  const isJson = /^application\/json/.test(response.headers.get("content-type") ?? "");
  return { status: response.status, headers: response.headers, text, body: isJson ? (JSON.parse(text) as unknown) : undefined };
}

export function importRaw(
  auth: Auth,
  idOrSlug: string,
  file: unknown,
  options: { groupId?: string; contentType?: string | null; query?: string } = {},
): Promise<ApiResponse> {
  const query = options.query ?? (options.groupId ? `?groupId=${options.groupId}` : "");
  const request = jsonRequest(`/api/documents/${encodeURIComponent(idOrSlug)}/import${query}`, {
    method: "POST",
    body: file,
    contentType: options.contentType === undefined ? "application/ld+json" : options.contentType,
    token: auth.token,
    cookie: auth.cookie,
  });
  return callRoute(importRoute, request, { idOrSlug });
}
