import { Badge, TableCell, TableRow } from '@tremor/react';
import { DataTable } from '@/components/ui/data-table';
import type { ConfigAuditEntry, ConfigDiffEntry } from '@/data/config';
import { formatCompactDateTime } from '@/lib/format';

type Color = 'gray' | 'blue' | 'violet' | 'amber' | 'emerald' | 'rose';

const actions: Record<ConfigAuditEntry['action'], { label: string; color: Color }> = {
  'draft.save': { label: 'Draft saved', color: 'gray' },
  publish: { label: 'Published', color: 'blue' },
  gray: { label: 'Gray release', color: 'violet' },
  rollback: { label: 'Rolled back', color: 'amber' },
  promote: { label: 'Promoted', color: 'emerald' },
  abandon: { label: 'Abandoned', color: 'rose' },
  request: { label: 'Approval asked', color: 'amber' },
  approve: { label: 'Approved', color: 'emerald' },
  reject: { label: 'Rejected', color: 'rose' },
  withdraw: { label: 'Withdrawn', color: 'gray' },
};

function show(value: unknown): string {
  return value === undefined ? '–' : JSON.stringify(value);
}

function Change({ change }: { change: ConfigDiffEntry }) {
  return (
    <li className="break-all">
      <span className="font-mono text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {change.path}
      </span>
      : {show(change.before)} → {show(change.after)}
    </li>
  );
}

/** Who did what, when, with the change it made; secrets arrive masked from the center. */
export function AuditTable({ entries }: { entries: ConfigAuditEntry[] }) {
  return (
    <DataTable columns={['When (UTC)', 'Who', 'What', 'Revision', 'Comment', 'Changes']}>
      {entries.map((entry) => {
        const action = actions[entry.action] ?? { label: entry.action, color: 'gray' as const };
        return (
          <TableRow key={entry.id} data-testid={`audit-${entry.id}`}>
            <TableCell>{formatCompactDateTime(entry.at)}</TableCell>
            <TableCell>{entry.actor}</TableCell>
            <TableCell>
              <Badge color={action.color}>{action.label}</Badge>
            </TableCell>
            <TableCell className="tabular-nums">
              {entry.revision === null ? '–' : `r${entry.revision}`}
            </TableCell>
            <TableCell className="max-w-48 whitespace-normal">{entry.comment || '–'}</TableCell>
            <TableCell className="max-w-md whitespace-normal text-tremor-label">
              {entry.changes.length === 0 ? (
                '–'
              ) : (
                <ul className="space-y-0.5">
                  {entry.changes.map((change) => (
                    <Change key={change.path} change={change} />
                  ))}
                </ul>
              )}
            </TableCell>
          </TableRow>
        );
      })}
    </DataTable>
  );
}
