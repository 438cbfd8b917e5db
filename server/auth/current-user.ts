// The signed-in user for pages and server actions (reads the request's headers).
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { UserDto } from "@/lib/api/users";
import { isAppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { resolveActor } from "./resolve-actor";
import { getCurrentUser } from "@/server/users/get-user";

export async function getSignedInUser(): Promise<{ actor: Actor; user: UserDto } | null> {
  const actor = await resolveActor(await headers());
  if (!actor) return null;
  try {
    return { actor, user: await getCurrentUser({ actor }) };
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/** For pages that need an account: sends anonymous visitors to sign in, then back here. */
export async function requireSignedInUser(returnTo: string) {
  const signedIn = await getSignedInUser();
  if (!signedIn) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return signedIn;
}
