import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { signUpAction } from "@/app/actions/session-actions";
import { getSignedInUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Create an account" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await getSignedInUser()) redirect(callbackUrl);
  return (
    <section className="narrow">
      <h1 className="page-title">Create an account</h1>
      <div className="card">
        <SignUpForm action={signUpAction} callbackUrl={callbackUrl} />
      </div>
    </section>
  );
}
