import { SelectField } from '@/components/ui/field';

/** Picks any two releases to compare; a plain GET form, so the diff has its own URL. */
export function CompareForm({
  action,
  revisions,
  from,
  to,
}: {
  action: string;
  revisions: number[];
  from: number;
  to: number;
}) {
  const options = revisions.map((revision) => ({
    value: String(revision),
    label: `Revision ${revision}`,
  }));
  return (
    <form
      action={action}
      method="get"
      className="flex flex-wrap items-end gap-3"
      aria-label="Compare"
    >
      <SelectField
        name="from"
        id="compare-from"
        label="From"
        options={[...options, { value: '0', label: 'Nothing' }]}
        defaultValue={String(from)}
        className="w-40"
      />
      <SelectField
        name="to"
        id="compare-to"
        label="To"
        options={options}
        defaultValue={String(to)}
        className="w-40"
      />
      <button
        type="submit"
        className="rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-2 text-tremor-default font-medium text-tremor-content-emphasis shadow-tremor-input hover:bg-tremor-background-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-muted"
      >
        Compare
      </button>
    </form>
  );
}
