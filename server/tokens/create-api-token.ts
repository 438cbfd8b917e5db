// Issues a personal API token in exchange for an email and password.
import type { CreateTokenInput } from "@/lib/api/tokens";
import { authenticateWithPassword } from "@/server/auth/authenticate-with-password";
import { getDb } from "@/server/db/client";
import { generateApiToken } from "./api-token-secret";

export async function createApiToken({ input, ip }: { input: CreateTokenInput; ip: string }) {
  const user = await authenticateWithPassword({ email: input.email, password: input.password, ip });
  return issueApiToken({ userId: user.id, name: input.name ?? "API token" });
}

/** For a user already signed in (the account page). */
export async function issueApiToken({ userId, name }: { userId: string; name: string }) {
  const { token, prefix, tokenHash } = generateApiToken();
  const row = await getDb().apiToken.create({
    data: { userId, name, prefix, tokenHash },
    select: { id: true, name: true, prefix: true },
  });
  return { ...row, token };
}
