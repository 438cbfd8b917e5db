// Answers whether the database responds, for /api/health.
import { getDb } from "@/server/db/client";

export async function checkDatabase(): Promise<boolean> {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
