import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** 2 for the heading of a section within a page. */
  level?: 1 | 2;
  id?: string;
}

const levels = {
  1: { Heading: 'h1', className: 'mb-6', title: 'text-2xl' },
  2: { Heading: 'h2', className: 'mb-3', title: 'text-tremor-title' },
} as const;

export function PageHeader({ title, description, actions, level = 1, id }: PageHeaderProps) {
  const { Heading, className, title: size } = levels[level];
  return (
    <header className={`${className} flex flex-wrap items-start justify-between gap-4`}>
      <div className="min-w-0">
        <Heading
          id={id}
          className={`${size} font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong`}
        >
          {title}
        </Heading>
        {description ? (
          <p className="mt-1 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            {description}
          </p>
        ) : null}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </header>
  );
}
