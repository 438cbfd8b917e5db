// Auth.js (next-auth v5) wiring: email + password through the Credentials provider,
// GitHub and Google only when configured. Sessions are JWTs naming a revocable row.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { isAppError } from "@/lib/errors";
import { getEnv, usesSecureCookies } from "@/server/env";
import { clientIpFromHeaders } from "@/server/http/client-ip";
import { realtimeBus } from "@/server/realtime/realtime-bus";
import { authenticateWithPassword } from "./authenticate-with-password";
import { findOrCreateOAuthUser } from "./find-or-create-oauth-user";
import { enabledOAuthProviders } from "./oauth-providers";
import { createSession, deleteSession, findSessionUserId, SESSION_MAX_AGE_SECONDS } from "./sessions";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

function buildConfig(): NextAuthConfig {
  const env = getEnv();
  const oauth = enabledOAuthProviders(env);
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    useSecureCookies: usesSecureCookies(env),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    // A wrong password is an expected outcome, not a server error worth a stack trace in the log.
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
        console.error("[auth]", error);
      },
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const email = typeof credentials.email === "string" ? credentials.email : "";
          const password = typeof credentials.password === "string" ? credentials.password : "";
          try {
            return await authenticateWithPassword({ email, password, ip: clientIpFromHeaders(request.headers) });
          } catch (error) {
            if (isAppError(error) && error.code === "RATE_LIMITED") throw new TooManyAttempts();
            if (isAppError(error)) throw new InvalidCredentials();
            throw error;
          }
        },
      }),
      ...(oauth.includes("github") ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })] : []),
      ...(oauth.includes("google") ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })] : []),
    ],
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (user && account) {
          const userId =
            account.provider === "credentials"
              ? String(user.id)
              : await findOrCreateOAuthUser({
                  provider: account.provider,
                  providerAccountId: account.providerAccountId,
                  email: profile?.email ?? user.email ?? null,
                  name: profile?.name ?? user.name ?? null,
                });
          return { sid: await createSession(userId), uid: userId, name: user.name, email: user.email };
        }
        // Returning null clears the cookie: the session row was deleted or expired.
        const sessionId = typeof token.sid === "string" ? token.sid : null;
        if (!sessionId || !(await findSessionUserId(sessionId))) return null;
        return token;
      },
      // Pick fields explicitly: /api/auth/session must never expose more than this.
      session({ session, token }) {
        return {
          expires: session.expires,
          user: { id: String(token.uid ?? ""), name: token.name ?? null, email: token.email ?? "" },
        } as typeof session;
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (token && typeof token.sid === "string") {
          await deleteSession(token.sid);
          realtimeBus()?.credentialRevoked(token.sid);
        }
      },
    },
  };
}

export const { handlers, signIn, signOut } = NextAuth(() => buildConfig());
