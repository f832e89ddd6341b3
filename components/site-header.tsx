import Link from 'next/link';
import { DatabaseBadge } from './database-badge';
import { JobsIndicator } from './jobs-indicator';
import { UserMenu } from './auth/user-menu';
import { MainNav } from './main-nav';
import { SafeModeToggle } from './safe-mode-toggle';


export function SiteHeader() {
  return (
    <header className="sticky top-0 z-20 border-b border-neutral-200 bg-white/90 backdrop-blur dark:border-neutral-800 dark:bg-neutral-900/90">
      <div className="mx-auto flex max-w-screen-2xl items-center gap-4 px-4 py-2 sm:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-sky-500">
          Sieve
        </Link>
        <MainNav />
        <div className="ml-auto flex min-w-0 items-center gap-4">
          <JobsIndicator />
          <DatabaseBadge />
          <SafeModeToggle />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
