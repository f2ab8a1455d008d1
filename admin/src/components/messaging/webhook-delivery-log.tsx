import { TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { Fragment } from 'react';
import { DataTable } from '@/components/ui/data-table';
import type { WebhookAttempt, WebhookDelivery } from '@/data/messaging';
import { formatEventTime, formatMs, shortId } from '@/lib/format';
import { tracePath } from '@/lib/messaging';
import { WebhookDeliveryStatusBadge } from './webhook-badges';
import { WebhookDeliveryReplay } from './webhook-delivery-replay';

const mutedClass = 'text-tremor-content dark:text-dark-tremor-content';

function Answer({ code, error }: { code: number | null; error: string | null }) {
  if (code !== null) {
    const ok = code >= 200 && code < 300;
    return (
      <span className={`tabular-nums ${ok ? '' : 'text-rose-600 dark:text-rose-400'}`}>{code}</span>
    );
  }
  return error ? <span className="text-rose-600 dark:text-rose-400">no answer</span> : <>–</>;
}

function Excerpt({ text }: { text: string | null }) {
  if (!text) {
    return <span className={mutedClass}>–</span>;
  }
  return (
    <span className="block max-w-[14rem] truncate font-mono text-tremor-label" title={text}>
      {text}
    </span>
  );
}

/** Every attempt of one delivery (the service keeps the last 20), newest first. */
function AttemptLog({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <details data-testid={`webhook-attempts-${delivery.id}`}>
      <summary className="cursor-pointer text-tremor-default text-tremor-brand dark:text-dark-tremor-brand">
        {delivery.attemptLog.length === 1
          ? 'The attempt'
          : `Each of the ${delivery.attemptLog.length} attempts`}
      </summary>
      <ol className="mt-2 space-y-2">
        {delivery.attemptLog.map((attempt: WebhookAttempt) => (
          <li
            key={attempt.attempt}
            data-testid={`webhook-attempt-${delivery.id}-${attempt.attempt}`}
            className="grid grid-cols-[4rem_10rem_5rem_6rem_1fr] gap-3 text-tremor-default"
          >
            <span className="font-medium">#{attempt.attempt}</span>
            <span>{formatEventTime(attempt.at)}</span>
            <span>
              <Answer code={attempt.statusCode} error={attempt.error} />
            </span>
            <span className="tabular-nums">{formatMs(attempt.latencyMs)}</span>
            <span className="whitespace-pre-wrap break-all font-mono text-tremor-label">
              {attempt.error ?? attempt.responseExcerpt ?? '–'}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}

export function WebhookDeliveryLog({
  deliveries,
  mayReplay,
}: {
  deliveries: readonly WebhookDelivery[];
  /** Admins on an enabled endpoint: the service refuses a replay to a disabled one. */
  mayReplay: boolean;
}) {
  const columns = [
    'Created (UTC)',
    'Event',
    'Status',
    { label: 'Attempts', numeric: true },
    'Last answer',
    { label: 'Latency', numeric: true },
    'Response',
    'Next attempt',
  ] as const;
  return (
    <DataTable testId="webhook-deliveries" columns={columns}>
      {deliveries.map((delivery) => (
        <Fragment key={delivery.id}>
          <TableRow data-testid={`webhook-delivery-${delivery.id}`} className="border-b-0">
            <TableCell>{formatEventTime(delivery.createdAt)}</TableCell>
            <TableCell>
              <span className="block font-mono">{delivery.topic}</span>
              <Link
                href={tracePath(delivery.eventId)}
                title={delivery.eventId}
                className="font-mono text-tremor-label text-tremor-brand hover:underline dark:text-dark-tremor-brand"
              >
                {shortId(delivery.eventId)}
              </Link>
            </TableCell>
            <TableCell>
              <WebhookDeliveryStatusBadge status={delivery.status} />
            </TableCell>
            <TableCell className="text-right tabular-nums" data-testid="webhook-delivery-attempts">
              {delivery.attempts}
            </TableCell>
            <TableCell>
              <Answer code={delivery.lastStatusCode} error={delivery.lastError} />
            </TableCell>
            <TableCell className="text-right tabular-nums" data-testid="webhook-delivery-latency">
              {formatMs(delivery.lastLatencyMs)}
            </TableCell>
            <TableCell>
              <Excerpt text={delivery.lastError ?? delivery.lastResponse} />
            </TableCell>
            <TableCell>
              {delivery.nextAttemptAt ? (
                formatEventTime(delivery.nextAttemptAt)
              ) : (
                <span className={mutedClass}>–</span>
              )}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell colSpan={columns.length} className="whitespace-normal pt-0">
              {/* Replay sits under its delivery: a column of its own pushes the table too wide. */}
              <div className="flex flex-wrap items-start justify-between gap-3">
                {delivery.attemptLog.length > 0 ? (
                  <AttemptLog delivery={delivery} />
                ) : (
                  <span className={mutedClass}>No attempt yet.</span>
                )}
                {mayReplay ? (
                  <WebhookDeliveryReplay
                    id={delivery.id}
                    endpointId={delivery.endpointId}
                    eventId={delivery.eventId}
                  />
                ) : null}
              </div>
            </TableCell>
          </TableRow>
        </Fragment>
      ))}
    </DataTable>
  );
}
