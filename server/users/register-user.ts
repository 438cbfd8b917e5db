// Sign-up: creates an account with an email and password.
import type { CreateUserInput, UserDto } from "@/lib/api/users";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/server/auth/passwords";
import { getDb } from "@/server/db/client";
import { isUniqueViolation } from "@/server/db/errors";
import { createPersonalGroup } from "@/server/groups/create-personal-group";
import { consumeAuthAttempt } from "@/server/rate-limit/auth-rate-limit";

export async function registerUser({ input, ip }: { input: CreateUserInput; ip: string }): Promise<UserDto> {
  await consumeAuthAttempt({ ip, account: input.email });
  const db = getDb();
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw emailTaken();
  try {
    const passwordHash = await hashPassword(input.password);
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash },
        select: { id: true, email: true, name: true },
      });
      await createPersonalGroup(tx, user);
      return user;
    });
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

function emailTaken() {
  return new AppError("EMAIL_TAKEN", "An account with this email already exists. Sign in instead.");
}
