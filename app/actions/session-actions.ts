"use server";
// Sign-in, sign-up and sign-out as server actions: forms work without JavaScript,
// and every check runs in the same services as the JSON API.
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { CreateUserRequest } from "@/lib/api/users";
import { isAppError } from "@/lib/errors";
import type { AuthFormState } from "@/lib/auth/form-state";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { signIn, signOut } from "@/server/auth/auth";
import { clientIpFromHeaders } from "@/server/http/client-ip";
import { registerUser } from "@/server/users/register-user";

const SIGN_IN_MESSAGES: Record<string, string> = {
  rate_limited: "Too many sign-in attempts. Please wait a few minutes and try again.",
  invalid_credentials: "Wrong email or password.",
};

export async function signInAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const values = { email };
  if (!email || !password) {
    return { status: "error", message: "Enter your email and password.", values };
  }
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackPath(form.get("callbackUrl")) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error && typeof error.code === "string" ? error.code : "invalid_credentials";
      return { status: "error", message: SIGN_IN_MESSAGES[code] ?? SIGN_IN_MESSAGES.invalid_credentials!, values };
    }
    throw error; // Next's redirect after a successful sign-in travels as an error.
  }
  return { status: "idle" };
}

export async function signUpAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const raw = { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), password: String(form.get("password") ?? "") };
  const values = { email: raw.email, name: raw.name };
  const parsed = CreateUserRequest.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      fieldErrors[field] ??= issue.message;
    }
    return { status: "error", message: "Please correct the highlighted fields.", fieldErrors, values };
  }
  try {
    await registerUser({ input: parsed.data, ip: clientIpFromHeaders(await headers()) });
  } catch (error) {
    if (isAppError(error) && error.code === "EMAIL_TAKEN") {
      return { status: "error", message: error.message, fieldErrors: { email: error.message }, values };
    }
    if (isAppError(error)) return { status: "error", message: error.message, values };
    throw error;
  }
  await signIn("credentials", {
    email: parsed.data.email,
    password: parsed.data.password,
    redirectTo: safeCallbackPath(form.get("callbackUrl")),
  });
  return { status: "idle" };
}

export async function signOutAction() {
  await signOut({ redirectTo: "/signin?signedOut=1" });
}

export async function oauthSignInAction(form: FormData) {
  const provider = form.get("provider");
  if (provider !== "github" && provider !== "google") return;
  await signIn(provider, { redirectTo: "/" });
}
