// Personal API tokens: POST /api/tokens, GET /api/tokens, DELETE /api/tokens/{id}.
import "@/lib/zod-setup";
import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation/storable-text";
import { EmailSchema } from "./users";

export const CreateTokenRequest = z
  .strictObject({
    email: EmailSchema,
    // Not the sign-up policy: an existing account's password is checked, not judged.
    password: z.string().min(1, "Enter your password.").max(200),
    name: z.string().trim().min(1).max(80).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).optional(),
  })
  .meta({ id: "CreateTokenRequest" });
export type CreateTokenInput = z.infer<typeof CreateTokenRequest>;

export const TokenCreatedResponse = z
  .object({ id: z.uuid(), name: z.string(), token: z.string(), prefix: z.string() })
  .meta({ id: "TokenCreated" });

export const ApiTokenSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: "ApiTokenSummary" });
export type ApiTokenSummaryDto = z.infer<typeof ApiTokenSummary>;

export const TokenListResponse = z.object({ items: z.array(ApiTokenSummary) }).meta({ id: "TokenList" });

/** Tokens look like `mrg_<prefix>_<secret>`; the prefix is shown in lists to tell tokens apart. */
export const API_TOKEN_PREFIX = "mrg_";
