import Link from 'next/link';

export interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

const tabClass =
  'border-b-2 px-1 pb-2 text-tremor-default font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted';

/** Views of one subject as underlined tabs, each a link. */
export function UnderlineTabs({ label, items }: { label: string; items: NavItem[] }) {
  return (
    <nav
      aria-label={label}
      className="mb-6 flex gap-6 border-b border-tremor-border dark:border-dark-tremor-border"
    >
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.current ? 'page' : undefined}
          className={`${tabClass} ${
            item.current
              ? 'border-tremor-brand text-tremor-brand-emphasis dark:border-dark-tremor-brand dark:text-dark-tremor-brand-emphasis'
              : 'border-transparent text-tremor-content hover:text-tremor-content-emphasis dark:text-dark-tremor-content dark:hover:text-dark-tremor-content-emphasis'
          }`}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}

/** A small choice among siblings (namespaces), as pill-shaped links. */
export function PillLinks({ label, items }: { label: string; items: NavItem[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1">
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.current ? 'page' : undefined}
          className={`rounded-tremor-small px-3 py-1.5 text-tremor-default font-medium ${
            item.current
              ? 'bg-tremor-brand-faint text-tremor-brand-emphasis dark:bg-dark-tremor-brand-faint dark:text-dark-tremor-brand-emphasis'
              : 'text-tremor-content-emphasis hover:bg-tremor-background-subtle dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle'
          }`}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
