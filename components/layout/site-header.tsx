// The bar on every page: the brand, where to go, and who is signed in. Its links are not
// prefetched: every page behind them is rendered per user on demand, so a prefetch buys
// little, while prefetching all of them on each page load cost the server a render apiece
// and the page tens of milliseconds of main-thread work just as it loads.
import Link from "next/link";
import type { UserDto } from "@/lib/api/users";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { UserChannel } from "@/components/realtime/user-channel";

type Props = { user: UserDto | null; unreadNotifications?: number; signOutAction: () => Promise<void> };

export function SiteHeader({ user, unreadNotifications = 0, signOutAction }: Props) {
  return (
    <header className="site-header">
      <Link href="/" prefetch={false} className="brand">
        Marginalia
      </Link>
      <nav aria-label="Main" className="site-nav">
        {user ? (
          <>
            <Link href="/" prefetch={false} className="nav-optional">
              Documents
            </Link>
            <Link href="/groups" prefetch={false}>Groups</Link>
            <Link href="/search" prefetch={false}>Search</Link>
            <Link href="/account" prefetch={false}>Account</Link>
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
            <Link href="/signin" prefetch={false}>Sign in</Link>
            <Link href="/signup" prefetch={false} className="button">
              Create account
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}
