// Links a GitHub or Google identity to an account, creating the account on first sign-in.
import { AppError } from "@/lib/errors";
import { getDb } from "@/server/db/client";

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
  const user = await db.user.upsert({
    where: { email },
    create: { email, name: identity.name?.slice(0, 80) || email.split("@")[0] || "Reader" },
    update: {},
    select: { id: true },
  });
  await db.account.create({
    data: { userId: user.id, provider: identity.provider, providerAccountId: identity.providerAccountId },
  });
  return user.id;
}
