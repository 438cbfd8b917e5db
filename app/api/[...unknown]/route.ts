// Any /api path without a route answers a JSON 404 rather than the HTML not-found page.
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/server/http/api-route";

function notFound() {
  return errorResponse(new AppError("NOT_FOUND", "No such API endpoint."));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
