import Link from 'next/link';
import { signOut } from '@/actions/auth';
import type { Session } from '@/lib/session-token';
import { NavLinks } from './nav-links';
import { ThemeToggle } from './theme-toggle';

/** Areas, who is signed in, theme and sign-out: a column on laptops, a bar on tablets. */
export function Sidebar({ session }: { session: Session }) {
  return (
    <aside className="border-b border-tremor-border bg-tremor-background dark:border-dark-tremor-border dark:bg-dark-tremor-background lg:w-60 lg:shrink-0 lg:border-b-0 lg:border-r">
      <div className="lg:sticky lg:top-0 lg:flex lg:h-screen lg:flex-col">
        <div className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 lg:block lg:px-3 lg:py-5">
          <Link
            href="/"
            className="flex items-center gap-2 px-1 text-lg font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong lg:mb-6 lg:px-3"
          >
            <span
              aria-hidden="true"
              className="inline-block size-6 rounded-tremor-small bg-tremor-brand dark:bg-dark-tremor-brand"
            />
            Trellis
          </Link>
          <nav aria-label="Areas" className="order-last w-full lg:order-none">
            <NavLinks role={session.role} />
          </nav>
          <div className="flex items-center gap-2 lg:hidden">
            <SignedInAs session={session} compact />
            <ThemeToggle />
            <form action={signOut}>
              <button
                type="submit"
                className="rounded-tremor-default px-3 py-2 text-tremor-default font-medium text-tremor-content-emphasis hover:bg-tremor-background-subtle dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
        <div className="hidden border-t border-tremor-border px-3 py-4 dark:border-dark-tremor-border lg:mt-auto lg:block">
          <SignedInAs session={session} />
          <div className="mt-3 flex flex-col gap-1">
            <ThemeToggle />
            <form action={signOut}>
              <button
                type="submit"
                className="w-full rounded-tremor-default px-3 py-2 text-left text-tremor-default font-medium text-tremor-content-emphasis hover:bg-tremor-background-subtle dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
      </div>
    </aside>
  );
}

export function SignedInAs({ session, compact = false }: { session: Session; compact?: boolean }) {
  if (compact) {
    return (
      <p className="px-2 text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {session.name}{' '}
        <span className="rounded-tremor-full bg-tremor-brand-faint px-2 py-0.5 text-tremor-label font-medium capitalize text-tremor-brand-emphasis dark:bg-dark-tremor-brand-faint dark:text-dark-tremor-brand-emphasis">
          {session.role}
        </span>
      </p>
    );
  }
  return (
    <div className="px-3" data-testid="signed-in-as">
      <p className="truncate text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {session.name}
      </p>
      <p className="truncate text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        {session.email}
      </p>
      <p className="mt-1 inline-block rounded-tremor-full bg-tremor-brand-faint px-2 py-0.5 text-tremor-label font-medium capitalize text-tremor-brand-emphasis dark:bg-dark-tremor-brand-faint dark:text-dark-tremor-brand-emphasis">
        {session.role}
      </p>
    </div>
  );
}
