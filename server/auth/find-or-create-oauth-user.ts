// Links a GitHub or Google identity to an account, creating the account on first sign-in.
import { AppError } from "@/lib/errors";
import { getDb } from "@/server/db/client";
import { createPersonalGroup } from "@/server/groups/create-personal-group";

type OAuthIdentity = { provider: string; providerAccountId: string; email: string | null; name: string | null };

export async function findOrCreateOAuthUser(identity: OAuthIdentity): Promise<string> {
  const db = getDb();
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    select: { userId: true },
  });
  if (linked) return linked.userId;
  if (!identity.email) throw new AppError("UNPROCESSABLE", "Your provider did not share an email address.");
  const email = identity.email.toLowerCase();
  // Never attach a provider identity to an existing account by email alone: not every
  // provider verifies emails, and doing so would hand that account to whoever claims it.
  const taken = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (taken) {
    throw new AppError("CONFLICT", "An account with this email already exists. Sign in with your password instead.");
  }
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email,
        name: identity.name?.slice(0, 80) || email.split("@")[0] || "Reader",
        accounts: { create: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
      },
      select: { id: true, name: true },
    });
    await createPersonalGroup(tx, user);
    return user.id;
  });
}
