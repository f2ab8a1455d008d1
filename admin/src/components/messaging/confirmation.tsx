'use client';

import { SubmitButton } from '@/components/ui/submit-button';

export const secondaryButtonClass =
  'rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-2 text-tremor-default font-medium text-tremor-content-emphasis hover:bg-tremor-background-muted disabled:opacity-50 dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis';

/** The question an action asks before it runs, inside its form: confirm submits, cancel backs off. */
export function Confirmation({
  question,
  confirm,
  color,
  keep,
  testId,
}: {
  question: string;
  confirm: string;
  color: 'amber' | 'rose' | 'blue';
  keep: () => void;
  testId: string;
}) {
  return (
    <div
      className="flex flex-wrap items-center gap-3 rounded-tremor-default bg-amber-50 p-3 dark:bg-amber-950/30"
      data-testid={testId}
    >
      <span className="whitespace-normal text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {question}
      </span>
      <SubmitButton color={color}>{confirm}</SubmitButton>
      <button type="button" className={secondaryButtonClass} onClick={keep}>
        Cancel
      </button>
    </div>
  );
}
