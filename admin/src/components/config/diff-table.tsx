import { Badge, TableCell, TableRow } from '@tremor/react';
import { DataTable } from '@/components/ui/data-table';
import type { ConfigDiffEntry } from '@/data/config';

const ops = {
  add: { label: 'Added', color: 'emerald' },
  remove: { label: 'Removed', color: 'rose' },
  change: { label: 'Changed', color: 'blue' },
} as const;

function Value({ value }: { value: unknown }) {
  if (value === undefined) {
    return (
      <span className="text-tremor-content-subtle dark:text-dark-tremor-content-subtle">–</span>
    );
  }
  return (
    <code className="whitespace-pre-wrap font-mono text-tremor-label text-tremor-content-strong [overflow-wrap:anywhere] dark:text-dark-tremor-content-strong">
      {/* An object or a list is laid out, one member a line, to be read inside a narrow card. */}
      {typeof value === 'object' && value !== null
        ? JSON.stringify(value, null, 2)
        : JSON.stringify(value)}
    </code>
  );
}

/** Each change as a short block, for a narrow column. */
function DiffList({ changes, testId }: { changes: ConfigDiffEntry[]; testId?: string }) {
  return (
    <ul
      className="divide-y divide-tremor-border dark:divide-dark-tremor-border"
      data-testid={testId}
    >
      {changes.map((change) => (
        <li key={change.path} className="py-2.5">
          <div className="flex items-center justify-between gap-2">
            <span className="break-all font-mono text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">
              {change.path}
            </span>
            <Badge color={ops[change.op].color}>{ops[change.op].label}</Badge>
          </div>
          <div className="mt-1 flex flex-wrap items-baseline gap-x-2 text-tremor-label">
            {change.op === 'add' ? null : <Value value={change.before} />}
            {change.op === 'change' ? (
              <span
                aria-hidden="true"
                className="text-tremor-content dark:text-dark-tremor-content"
              >
                →
              </span>
            ) : null}
            {change.op === 'remove' ? null : <Value value={change.after} />}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** What changed between two sides, key by key; secrets arrive masked from the center. */
export function DiffTable({
  changes,
  empty = 'No differences.',
  testId,
  compact = false,
}: {
  changes: ConfigDiffEntry[];
  empty?: string;
  testId?: string;
  /** A list instead of a table, for a narrow column. */
  compact?: boolean;
}) {
  if (changes.length === 0) {
    return (
      <p
        className="text-tremor-default text-tremor-content dark:text-dark-tremor-content"
        data-testid={testId}
      >
        {empty}
      </p>
    );
  }
  if (compact) {
    return <DiffList changes={changes} {...(testId ? { testId } : {})} />;
  }
  return (
    <DataTable columns={['Key', 'Change', 'Before', 'After']} testId={testId}>
      {changes.map((change) => (
        <TableRow key={change.path}>
          <TableCell className="font-mono text-tremor-label text-tremor-content-strong dark:text-dark-tremor-content-strong">
            {change.path}
          </TableCell>
          <TableCell>
            <Badge color={ops[change.op].color}>{ops[change.op].label}</Badge>
          </TableCell>
          <TableCell className="max-w-xs whitespace-normal">
            <Value value={change.before} />
          </TableCell>
          <TableCell className="max-w-xs whitespace-normal">
            <Value value={change.after} />
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
