import { FilterForm, FilterInput, FilterSelect } from '@/components/ui/filter-form';
import { type OrderStatus, orderStatuses } from '@/data/orders';
import { orderStatusLabel } from './order-status-badge';

export function OrderFilters({
  status,
  user,
}: {
  status: OrderStatus | undefined;
  user: string | undefined;
}) {
  return (
    <FilterForm action="/orders" label="Filters">
      <FilterSelect
        name="status"
        label="Status"
        value={status}
        options={orderStatuses.map((value) => ({ value, label: orderStatusLabel(value) }))}
      />
      <FilterInput
        name="user"
        label="Customer"
        defaultValue={user}
        placeholder="Email or user id"
        className="min-w-[16rem] flex-1"
      />
    </FilterForm>
  );
}
