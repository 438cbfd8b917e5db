// The one Prisma client of the process, and the one pg pool under it. Cached on
// globalThis because Next bundles route handlers and server components separately:
// without the cache each bundle would open its own connection pool.
//
// The pool is shared so that the few hot paths written as single SQL statements (see
// server/annotations/insert-annotation.ts) use the same connections as Prisma. Measured
// here: a query through Prisma costs about 0.45 ms of this process's CPU, the same query
// straight through pg about 0.17 ms (BENCHMARKS.md, "Sustained persisted writes").
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

type Database = { prisma: PrismaClient; pool: pg.Pool };

const globalForDatabase = globalThis as typeof globalThis & { marginaliaDatabase?: Database };

function connect(): Database {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set.");
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error("[db] idle connection failed", error.message));
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
}

function database(): Database {
  globalForDatabase.marginaliaDatabase ??= connect();
  return globalForDatabase.marginaliaDatabase;
}

export function getDb(): PrismaClient {
  return database().prisma;
}

/** Plain pg, for hand-written statements on hot paths only; everything else goes through Prisma. */
export function getPool(): pg.Pool {
  return database().pool;
}

export async function disconnectDb() {
  const current = globalForDatabase.marginaliaDatabase;
  globalForDatabase.marginaliaDatabase = undefined;
  if (!current) return;
  await current.prisma.$disconnect();
  // An adapter given a pool does not own it: end it here.
  await current.pool.end().catch(() => undefined);
}

export type { PrismaClient };
