// Schemas shared by several endpoints: the error envelope and identifiers.
import "@/lib/zod-setup";
import { z } from "zod";
import { ERROR_STATUS } from "@/lib/errors";

const errorCodes = Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]];

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "ErrorResponse" });

export const UuidSchema = z.uuid();

/** Upper bound on any JSON request body, checked before parsing. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;
