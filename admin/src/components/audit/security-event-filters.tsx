import { FilterForm, FilterSelect } from '@/components/ui/filter-form';

export function SecurityEventFilters({
  action,
  actions,
}: {
  action: string | undefined;
  actions: readonly string[];
}) {
  return (
    <FilterForm action="/audit" label="Filters">
      <FilterSelect
        name="action"
        label="Action"
        value={action}
        options={actions.map((value) => ({ value, label: value }))}
      />
    </FilterForm>
  );
}
