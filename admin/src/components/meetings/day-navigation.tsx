import Link from 'next/link';
import { FilterForm, FilterInput } from '@/components/ui/filter-form';
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
        <FilterForm action={basePath} submit="Show" className="flex items-end gap-2">
          <FilterInput name="date" label="Day" type="date" defaultValue={day} />
        </FilterForm>
      </div>
    </div>
  );
}
