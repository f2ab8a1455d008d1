import { userStatuses } from '@trellis/users/lifecycle';
import { FilterForm, FilterInput, FilterSelect } from '@/components/ui/filter-form';
import { userStatusLabel } from './user-badges';

export function UserFilters({ q, status }: { q: string | undefined; status: string | undefined }) {
  return (
    <FilterForm action="/users" label="Filters">
      <FilterInput
        name="q"
        label="Search"
        defaultValue={q}
        placeholder="Name or email"
        className="min-w-[14rem] flex-1"
      />
      <FilterSelect
        name="status"
        label="Status"
        value={status}
        options={userStatuses.map((value) => ({ value, label: userStatusLabel(value) }))}
      />
    </FilterForm>
  );
}
