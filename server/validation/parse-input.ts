// Validates any client input (REST body or query, socket payload) against its zod
// schema; a failure becomes one VALIDATION_FAILED error naming the first problem.
import type { z } from "zod";
import { AppError } from "@/lib/errors";

export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("VALIDATION_FAILED", describeIssues(result.error), {
      details: result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
    });
  }
  return result.data;
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return "The request is invalid.";
  const where = first.path.length > 0 ? `${first.path.join(".")}: ` : "";
  return `${where}${first.message}`;
}
