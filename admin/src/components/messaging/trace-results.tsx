import { Badge, Card, TableCell, TableRow } from '@tremor/react';
import { DataTable } from '@/components/ui/data-table';
import type { TracedEvent, TraceStage } from '@/data/messaging';
import { formatDateTime, formatEventTime } from '@/lib/format';

const stageColors: Record<TraceStage['stage'], string> = {
  committed: 'gray',
  relayed: 'blue',
  handled: 'emerald',
  failed: 'amber',
  skipped: 'gray',
  parked: 'violet',
  dead: 'rose',
  replayed: 'cyan',
  edited: 'cyan',
  discarded: 'gray',
};

function TracedEventCard({ event }: { event: TracedEvent }) {
  return (
    <Card className="p-0" data-testid={`trace-${event.eventId}`}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 p-4">
        <h3 className="break-all font-mono text-tremor-default font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          {event.eventId}
        </h3>
        <Badge size="xs">{event.topic}</Badge>
        {event.key ? (
          <span className="font-mono text-tremor-label text-tremor-content dark:text-dark-tremor-content">
            key {event.key}
          </span>
        ) : null}
        <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          committed {event.committedAt ? formatDateTime(event.committedAt) : '(outbox row removed)'}
          {' · '}
          {event.relayedAt ? `relayed ${formatDateTime(event.relayedAt)}` : 'not relayed yet'}
        </span>
      </div>
      <DataTable
        columns={[
          'At (UTC)',
          'Stage',
          'Subscription',
          { label: 'Attempt', numeric: true },
          { label: 'Duration', numeric: true },
          'Error or actor',
        ]}
      >
        {event.stages.map((stage) => (
          <TableRow key={`${stage.stage}-${stage.subscription}-${stage.attempt}-${stage.at}`}>
            <TableCell>{formatEventTime(stage.at)}</TableCell>
            <TableCell>
              <Badge size="xs" color={stageColors[stage.stage]}>
                {stage.stage}
              </Badge>
            </TableCell>
            <TableCell className="font-mono">{stage.subscription ?? '–'}</TableCell>
            <TableCell className="text-right tabular-nums">{stage.attempt ?? '–'}</TableCell>
            <TableCell className="text-right tabular-nums">
              {stage.durationMs === null ? '–' : `${stage.durationMs.toFixed(1)} ms`}
            </TableCell>
            <TableCell className="whitespace-normal break-all">
              {stage.error ?? (stage.actor ? `by ${stage.actor}` : '')}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Card>
  );
}

export function TraceResults({ events }: { events: TracedEvent[] }) {
  if (events.length === 0) {
    return (
      <Card>
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          No event matches.
        </p>
      </Card>
    );
  }
  return (
    <div className="space-y-4">
      {events.map((event) => (
        <TracedEventCard key={event.eventId} event={event} />
      ))}
    </div>
  );
}
