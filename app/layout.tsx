import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import Script from "next/script";
import { SiteHeader } from "@/components/layout/site-header";
import { signOutAction } from "@/app/actions/session-actions";
import { getSignedInUser } from "@/server/auth/current-user";
import { countUnreadNotifications } from "@/server/notifications/list-notifications";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Marginalia", template: "%s · Marginalia" },
  description: "Read together: highlights, threaded comments and tagged notes for study groups.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const signedIn = await getSignedInUser();
  const unreadNotifications = signedIn ? await countUnreadNotifications({ actor: signedIn.actor }) : 0;
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en">
      <body>
        {/* Nothing to run: its presence is the point. Next runs "beforeInteractive" scripts
            after starting up and hydrates in the task after them, so start-up (which compiles
            React DOM, see instrumentation-client.ts) and hydration are two tasks, each well
            under the 50 ms of a long task on a first visit, instead of one long task. */}
        <Script id="hydrate-in-its-own-task" strategy="beforeInteractive" nonce={nonce}>
          {"/* see app/layout.tsx */"}
        </Script>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader user={signedIn?.user ?? null} unreadNotifications={unreadNotifications} signOutAction={signOutAction} />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
