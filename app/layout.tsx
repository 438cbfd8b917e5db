import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
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
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader user={signedIn?.user ?? null} unreadNotifications={unreadNotifications} signOutAction={signOutAction} />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
