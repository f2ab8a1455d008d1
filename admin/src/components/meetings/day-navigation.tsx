import Link from 'next/link';
import { inputClass, labelClass } from '@/components/ui/field';
import { addDays, formatLongDate } from '@/lib/format';

const linkClass =
  'rounded-tremor-small px-3 py-2 text-tremor-default font-medium text-tremor-brand hover:bg-tremor-brand-faint dark:text-dark-tremor-brand dark:hover:bg-dark-tremor-brand-faint';

/** Previous and next day, and a form to jump to any day (UTC). */
export function DayNavigation({ basePath, day }: { basePath: string; day: string }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <h2 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {formatLongDate(day)} <span className="text-tremor-default font-normal">(UTC)</span>
      </h2>
      <div className="flex flex-wrap items-end gap-2">
        <Link className={linkClass} href={`${basePath}?date=${addDays(day, -1)}`}>
          ← Previous day
        </Link>
        <Link className={linkClass} href={`${basePath}?date=${addDays(day, 1)}`}>
          Next day →
        </Link>
        <form method="get" action={basePath} className="flex items-end gap-2">
          <div>
            <label htmlFor="date" className={labelClass}>
              Day
            </label>
            <input
              id="date"
              name="date"
              type="date"
              defaultValue={day}
              className={`${inputClass} mt-1.5`}
            />
          </div>
          <button
            type="submit"
            className="rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-2 text-tremor-default font-medium text-tremor-content-emphasis shadow-tremor-input hover:bg-tremor-background-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis"
          >
            Show
          </button>
        </form>
      </div>
    </div>
  );
}
