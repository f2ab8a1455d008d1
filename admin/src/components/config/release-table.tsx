import { Badge, TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { ConfigRelease, ConfigTarget } from '@/data/config';
import { formatCompactDateTime } from '@/lib/format';
import { describeGrayRule } from '@/lib/gray';

const linkClass = 'font-medium text-tremor-brand hover:underline dark:text-dark-tremor-brand';

function Kind({ release, live }: { release: ConfigRelease; live: boolean }) {
  return (
    <div className="flex flex-wrap gap-1">
      {release.kind === 'gray' ? (
        <Badge color="violet">Gray · {release.gray?.state ?? 'live'}</Badge>
      ) : release.kind === 'rollback' ? (
        <Badge color="amber">Rollback to r{release.rolledBackTo}</Badge>
      ) : (
        <Badge color="blue">Full</Badge>
      )}
      {live ? <Badge color="emerald">Live</Badge> : null}
    </div>
  );
}

/** Releases newest first, each with its diff against the one before. */
export function ReleaseTable({
  target,
  releases,
  liveRevision,
}: {
  target: ConfigTarget;
  releases: ConfigRelease[];
  liveRevision: number | null;
}) {
  const base = `/config/${target.namespace}/${target.service}/history`;
  return (
    <DataTable columns={['Revision', 'Kind', 'Comment', 'By', 'Published (UTC)', 'Changes']}>
      {releases.map((release) => (
        <TableRow key={release.revision} data-testid={`release-${release.revision}`}>
          <TableCell className="font-medium tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">
            r{release.revision}
          </TableCell>
          <TableCell>
            <Kind release={release} live={release.revision === liveRevision} />
            {release.gray ? (
              <p className="mt-1 text-tremor-label">To {describeGrayRule(release.gray.rule)}</p>
            ) : null}
          </TableCell>
          <TableCell className="max-w-xs whitespace-normal">{release.comment || '–'}</TableCell>
          <TableCell>
            <div>{release.author}</div>
            {release.approvedBy ? (
              <div className="text-tremor-label">approved by {release.approvedBy}</div>
            ) : null}
          </TableCell>
          <TableCell>{formatCompactDateTime(release.createdAt)}</TableCell>
          <TableCell>
            <Link
              className={linkClass}
              href={`${base}?from=${release.revision - 1}&to=${release.revision}`}
            >
              {release.revision > 1 ? `Diff with r${release.revision - 1}` : 'Diff with nothing'}
            </Link>
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
