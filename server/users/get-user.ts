// Reads the signed-in user's own profile.
import type { UserDto } from "@/lib/api/users";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";

export async function getCurrentUser({ actor }: { actor: Actor }): Promise<UserDto> {
  const user = await getDb().user.findUnique({
    where: { id: actor.userId },
    select: { id: true, email: true, name: true },
  });
  if (!user) throw new AppError("UNAUTHENTICATED", "Your account no longer exists.");
  return user;
}
