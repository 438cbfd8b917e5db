"use server";
// The account page's API token actions, for a user already signed in.
import { revalidatePath } from "next/cache";
import { UuidSchema } from "@/lib/api/common";
import type { TokenFormState } from "@/lib/api/token-form-state";
import { getSignedInUser } from "@/server/auth/current-user";
import { issueApiToken } from "@/server/tokens/create-api-token";
import { revokeApiToken } from "@/server/tokens/revoke-api-token";

export async function createTokenAction(_previous: TokenFormState, form: FormData): Promise<TokenFormState> {
  const signedIn = await getSignedInUser();
  if (!signedIn) return { status: "error", message: "Your session has ended. Sign in again." };
  const name = String(form.get("name") ?? "").trim();
  if (name.length < 1 || name.length > 80) return { status: "error", message: "Give the token a name of 1 to 80 characters." };
  const created = await issueApiToken({ userId: signedIn.user.id, name });
  revalidatePath("/account");
  return { status: "created", token: created.token, name: created.name };
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const signedIn = await getSignedInUser();
  const tokenId = UuidSchema.safeParse(form.get("tokenId"));
  if (!signedIn || !tokenId.success) return;
  await revokeApiToken({ actor: signedIn.actor, tokenId: tokenId.data }).catch(() => undefined);
  revalidatePath("/account");
}
