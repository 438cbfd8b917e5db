// The one Prisma client of the process. Cached on globalThis because Next bundles
// route handlers and server components separately: without the cache each bundle
// would open its own connection pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

const globalForPrisma = globalThis as typeof globalThis & { marginaliaPrisma?: PrismaClient };

function createPrismaClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set.");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

export function getDb(): PrismaClient {
  globalForPrisma.marginaliaPrisma ??= createPrismaClient();
  return globalForPrisma.marginaliaPrisma;
}

export async function disconnectDb() {
  await globalForPrisma.marginaliaPrisma?.$disconnect();
  globalForPrisma.marginaliaPrisma = undefined;
}

export type { PrismaClient };
