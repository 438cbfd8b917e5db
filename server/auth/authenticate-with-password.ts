// Checks an email and password, counting the attempt against the rate limits.
// Used by the sign-in form (through Auth.js) and by API token creation alike.
import { AppError } from "@/lib/errors";
import type { UserDto } from "@/lib/api/users";
import { getDb } from "@/server/db/client";
import { verifyAgainstDecoy, verifyPassword } from "./passwords";
import { consumeAuthAttempt, forgetAccountAttempts } from "@/server/rate-limit/auth-rate-limit";

export async function authenticateWithPassword(attempt: {
  email: string;
  password: string;
  ip: string;
}): Promise<UserDto> {
  const email = attempt.email.trim().toLowerCase();
  await consumeAuthAttempt({ ip: attempt.ip, account: email });
  const user = await getDb().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, attempt.password)
    : await verifyAgainstDecoy(attempt.password);
  if (!user || !valid) throw new AppError("INVALID_CREDENTIALS", "Wrong email or password.");
  await forgetAccountAttempts(email);
  return { id: user.id, email: user.email, name: user.name };
}
