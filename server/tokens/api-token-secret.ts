// Generates API token secrets and the hash under which they are stored.
import { createHash, randomBytes } from "node:crypto";
import { API_TOKEN_PREFIX } from "@/lib/api/tokens";

export function generateApiToken(): { token: string; prefix: string; tokenHash: string } {
  const prefix = randomBytes(4).toString("hex");
  const token = `${API_TOKEN_PREFIX}${prefix}_${randomBytes(24).toString("base64url")}`;
  return { token, prefix, tokenHash: hashApiToken(token) };
}

// A plain SHA-256 suffices: the secret has 192 random bits, so it cannot be guessed from its hash.
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
