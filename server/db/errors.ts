// Recognizes database errors that are expected outcomes rather than bugs, whether they
// come through Prisma or from a statement sent straight to the pg pool.
import pg from "pg";
import { Prisma } from "./generated/client";

export function isUniqueViolation(error: unknown): boolean {
  return (
    (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") ||
    (error instanceof pg.DatabaseError && error.code === "23505")
  );
}

export function isForeignKeyViolation(error: unknown): boolean {
  return (
    (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") ||
    (error instanceof pg.DatabaseError && error.code === "23503")
  );
}
