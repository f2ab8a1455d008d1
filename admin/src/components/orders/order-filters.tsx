import { inputClass, labelClass } from '@/components/ui/field';
import { type OrderStatus, orderStatuses } from '@/data/orders';
import { orderStatusLabel } from './order-status-badge';

interface OrderFiltersProps {
  status: OrderStatus | undefined;
  user: string | undefined;
}

export function OrderFilters({ status, user }: OrderFiltersProps) {
  return (
    <form
      method="get"
      action="/orders"
      className="mb-4 flex flex-wrap items-end gap-3"
      aria-label="Filters"
    >
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
          {orderStatuses.map((value) => (
            <option key={value} value={value}>
              {orderStatusLabel(value)}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-[16rem] flex-1">
        <label htmlFor="user" className={labelClass}>
          Customer
        </label>
        <input
          id="user"
          name="user"
          type="search"
          defaultValue={user}
          placeholder="Email or user id"
          className={`${inputClass} mt-1.5`}
        />
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
