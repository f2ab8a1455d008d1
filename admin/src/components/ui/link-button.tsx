import Link from 'next/link';
import type { ReactNode } from 'react';

const styles = {
  primary:
    'bg-tremor-brand text-tremor-brand-inverted hover:bg-tremor-brand-emphasis dark:bg-dark-tremor-brand dark:text-dark-tremor-brand-inverted dark:hover:bg-dark-tremor-brand-emphasis',
  secondary:
    'border border-tremor-border bg-tremor-background text-tremor-content-emphasis hover:bg-tremor-background-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-muted',
} as const;

/** A link that looks like a Tremor button: navigation, never a change. */
export function LinkButton({
  href,
  children,
  variant = 'primary',
}: {
  href: string;
  children: ReactNode;
  variant?: keyof typeof styles;
}) {
  return (
    <Link
      href={href}
      className={`inline-flex items-center gap-1.5 rounded-tremor-default px-3 py-2 text-tremor-default font-medium shadow-tremor-input focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted ${styles[variant]}`}
    >
      {children}
    </Link>
  );
}
