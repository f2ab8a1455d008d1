import { Card } from '@tremor/react';
import Link from 'next/link';
import type { ReactNode } from 'react';

interface PagerProps {
  basePath: string;
  /** The current filters, kept on every page. */
  query: Record<string, string | undefined>;
  cursor: string | undefined;
  nextCursor: string | null;
  shown: number;
}

function hrefOf(basePath: string, query: Record<string, string | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value) {
      params.set(key, value);
    }
  }
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}

const linkClass =
  'rounded-tremor-small px-3 py-1.5 text-tremor-default font-medium text-tremor-brand hover:bg-tremor-brand-faint dark:text-dark-tremor-brand dark:hover:bg-dark-tremor-brand-faint';

/** Cursor paging: the lists run newest first, so there is a first page and a next one. */
function Pager({ basePath, query, cursor, nextCursor, shown }: PagerProps) {
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-4">
      <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        {shown === 0 ? 'Nothing matches.' : `Showing ${shown}${cursor ? ' more' : ''}.`}
      </p>
      <div className="flex gap-2">
        {cursor ? (
          <Link className={linkClass} href={hrefOf(basePath, { ...query, cursor: undefined })}>
            ← First page
          </Link>
        ) : null}
        {nextCursor ? (
          <Link className={linkClass} href={hrefOf(basePath, { ...query, cursor: nextCursor })}>
            Next page →
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/** One page of a list in a card (a table, as a rule), with the pager beneath. */
export function PagedCard({
  basePath,
  query = {},
  cursor,
  page,
  children,
}: {
  basePath: string;
  query?: PagerProps['query'];
  cursor: string | undefined;
  page: { items: readonly unknown[]; nextCursor: string | null };
  children: ReactNode;
}) {
  return (
    <>
      <Card className="p-0">{children}</Card>
      <Pager
        basePath={basePath}
        query={query}
        cursor={cursor}
        nextCursor={page.nextCursor}
        shown={page.items.length}
      />
    </>
  );
}
