import type { Metadata } from "next";
import { ApiTokens } from "@/components/account/api-tokens";
import { createTokenAction, revokeTokenAction } from "@/app/actions/token-actions";
import { requireSignedInUser } from "@/server/auth/current-user";
import { listApiTokens } from "@/server/tokens/list-api-tokens";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { actor, user } = await requireSignedInUser("/account");
  const tokens = await listApiTokens({ actor });
  return (
    <section className="wide">
      <h1 className="page-title">Account</h1>
      <dl>
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
      </dl>
      <h2>API tokens</h2>
      <p className="lede">
        Tokens let scripts and other tools use the API as you: send <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <ApiTokens tokens={tokens} createAction={createTokenAction} revokeAction={revokeTokenAction} />
    </section>
  );
}
