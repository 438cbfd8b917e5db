import { DocumentIdOrSlugParam } from "@/lib/api/documents";
import { ExportQuery } from "@/lib/api/exports";
import { requireActor } from "@/server/auth/resolve-actor";
import { exportAnnotations } from "@/server/exports/export-annotations";
import { apiRoute, parseInput, parseQuery } from "@/server/http/api-route";

export const GET = apiRoute<{ idOrSlug: string }>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  const idOrSlug = parseInput(DocumentIdOrSlugParam, (await params).idOrSlug);
  const query = parseQuery(request, ExportQuery);
  const exported = await exportAnnotations({ actor, input: { idOrSlug, query } });
  return new Response(exported.stream, {
    headers: {
      "content-type": exported.contentType,
      "content-disposition": `${exported.disposition}; filename="${exported.filename}"`,
      "cache-control": "no-store",
      // The printable page holds user text: no scripts, nothing fetched, whatever slipped through.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
      "x-content-type-options": "nosniff",
    },
  });
});
