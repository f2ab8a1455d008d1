import type { ReactNode } from 'react';
import { PageHeader } from './page-header';

/** A titled part of a page, reachable by its id. */
export function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="mb-10 scroll-mt-6">
      <PageHeader level={2} id={`${id}-title`} title={title} description={description} />
      {children}
    </section>
  );
}
