import { userStatuses } from '@trellis/users/lifecycle';
import { inputClass, labelClass } from '@/components/ui/field';
import { userStatusLabel } from './user-badges';

interface UserFiltersProps {
  q: string | undefined;
  status: string | undefined;
}

/** A plain GET form: filters live in the URL, so a filtered list can be shared and reloaded. */
export function UserFilters({ q, status }: UserFiltersProps) {
  return (
    <form
      method="get"
      action="/users"
      className="mb-4 flex flex-wrap items-end gap-3"
      aria-label="Filters"
    >
      <div className="min-w-[14rem] flex-1">
        <label htmlFor="q" className={labelClass}>
          Search
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Name or email"
          className={`${inputClass} mt-1.5`}
        />
      </div>
      <div>
        <label htmlFor="status" className={labelClass}>
          Status
        </label>
        <select
          id="status"
          name="status"
          defaultValue={status ?? ''}
          className={`${inputClass} mt-1.5`}
        >
          <option value="">Any</option>
          {userStatuses.map((value) => (
            <option key={value} value={value}>
              {userStatusLabel(value)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="rounded-tremor-default border border-tremor-border bg-tremor-background px-4 py-2 text-tremor-default font-medium text-tremor-content-emphasis shadow-tremor-input hover:bg-tremor-background-muted focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis"
      >
        Apply
      </button>
    </form>
  );
}
