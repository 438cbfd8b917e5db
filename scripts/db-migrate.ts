// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (idempotent, offline).
import { applyMigrations } from "@/server/db/migrations";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set. (`npm run quickstart` runs an embedded PostgreSQL for you.)");
  process.exit(1);
}
const result = await applyMigrations(databaseUrl).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
console.log(
  result.applied.length > 0
    ? `Applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`
    : `Database is up to date (${result.alreadyApplied.length} migration(s) already applied).`,
);
