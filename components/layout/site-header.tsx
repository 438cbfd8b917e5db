// The bar on every page: the brand, where to go, and who is signed in.
import Link from "next/link";
import type { UserDto } from "@/lib/api/users";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { UserChannel } from "@/components/realtime/user-channel";

type Props = { user: UserDto | null; unreadNotifications?: number; signOutAction: () => Promise<void> };

export function SiteHeader({ user, unreadNotifications = 0, signOutAction }: Props) {
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Marginalia
      </Link>
      <nav aria-label="Main" className="site-nav">
        {user ? (
          <>
            <Link href="/" className="nav-optional">
              Documents
            </Link>
            <Link href="/groups">Groups</Link>
            <Link href="/search">Search</Link>
            <Link href="/account">Account</Link>
            <NotificationBell initialUnread={unreadNotifications} />
            <UserChannel />
            <span className="nav-user" aria-label={`Signed in as ${user.name}`}>
              {user.name}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="button secondary">
                Sign out
              </button>
            </form>
          </>
        ) : (
          <>
            <Link href="/signin">Sign in</Link>
            <Link href="/signup" className="button">
              Create account
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}
