// Recognizes database errors that are expected outcomes rather than bugs.
import pg from "pg";
import { Prisma } from "./generated/client";

/** Through Prisma: a unique constraint refused the row. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** From a statement sent straight to the pg pool: a row it wrote points at one that is gone. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === "23503";
}
