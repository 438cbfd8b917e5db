// Liveness and database reachability, for load balancers and the test harness.
import { checkDatabase } from "@/server/health/check-database";

export async function GET() {
  const database = await checkDatabase();
  return Response.json({ ok: database, database: database ? "up" : "down" }, { status: database ? 200 : 503 });
}
