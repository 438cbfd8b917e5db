import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { oauthSignInAction, signInAction } from "@/app/actions/session-actions";
import { enabledOAuthProviders } from "@/server/auth/oauth-providers";
import { getSignedInUser } from "@/server/auth/current-user";
import { getEnv } from "@/server/env";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/server/seed/demo-accounts";
import { DemoAccounts } from "@/components/auth/demo-accounts";
import { ForgetOfflineCopies } from "@/components/offline/offline-reading";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getSignedInUser()) redirect(callbackUrl);
  return (
    <section className="narrow">
      <ForgetOfflineCopies />
      <h1 className="page-title">Sign in</h1>
      <div className="card">
        <SignInForm
          action={signInAction}
          callbackUrl={callbackUrl}
          notice={params.signedOut ? "You have been signed out." : undefined}
        />
        <OAuthButtons providers={enabledOAuthProviders(getEnv())} action={oauthSignInAction} />
      </div>
      {getEnv().MARGINALIA_DEMO ? <DemoAccounts accounts={DEMO_ACCOUNTS.map((account) => ({ ...account, password: DEMO_PASSWORD }))} /> : null}
    </section>
  );
}
