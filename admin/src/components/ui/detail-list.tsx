import { Card } from '@tremor/react';
import type { ReactNode } from 'react';

/** One thing's facts in a card, as a description list of `DetailRow`s. */
export function DetailList({ children }: { children: ReactNode }) {
  return (
    <Card>
      <dl className="divide-y divide-tremor-border dark:divide-dark-tremor-border">{children}</dl>
    </Card>
  );
}

export function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2">
      <dt className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        {label}
      </dt>
      <dd className="col-span-2 text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {children}
      </dd>
    </div>
  );
}
