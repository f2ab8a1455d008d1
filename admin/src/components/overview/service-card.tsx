import { Badge, Card, SparkAreaChart } from '@tremor/react';
import type { ServiceProbe } from '@/data/platform';
import { counted, formatDuration } from '@/lib/format';
import type { RequestFigures } from '@/lib/request-metrics';

const stateStyle = {
  up: { label: 'Up', color: 'emerald', decoration: 'emerald' },
  'not-ready': { label: 'Not ready', color: 'amber', decoration: 'amber' },
  down: { label: 'Down', color: 'rose', decoration: 'rose' },
} as const;

function percent(ratio: number | undefined): string {
  return ratio === undefined
    ? '–'
    : `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.01 ? 2 : 1)} %`;
}

function latency(seconds: number | undefined): string {
  return seconds === undefined ? '–' : `${(seconds * 1000).toFixed(seconds < 0.01 ? 1 : 0)} ms`;
}

function windowLabel(figures: RequestFigures): string {
  return figures.basis === 'window'
    ? `over the last ${Math.round(figures.windowSeconds)} s`
    : 'average since the instance started';
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        {label}
      </dt>
      <dd className="text-tremor-title font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {value}
      </dd>
    </div>
  );
}

/** Requests per second between the scrapes of the last ten minutes. */
function RateTrend({ probe }: { probe: ServiceProbe }) {
  const trend = probe.trend ?? [];
  return (
    <div className="mt-4 border-t border-tremor-border pt-3 dark:border-dark-tremor-border">
      <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        Requests per second, last 10 minutes
      </p>
      {trend.length >= 2 ? (
        <SparkAreaChart
          data={trend}
          index="time"
          categories={['Requests/s']}
          colors={['blue']}
          className="mt-2 h-12 w-full"
          data-testid={`rate-trend-${probe.name}`}
        />
      ) : (
        <p className="mt-2 flex h-12 items-center text-tremor-label text-tremor-content-subtle dark:text-dark-tremor-content-subtle">
          Drawn once this page has watched the service for a little while.
        </p>
      )}
    </div>
  );
}

/** One service at a glance: up or down, what runs, and its RED figures. */
export function ServiceCard({ probe }: { probe: ServiceProbe }) {
  const style = stateStyle[probe.state];
  return (
    <Card
      decoration="top"
      decorationColor={style.decoration}
      data-testid={`service-card-${probe.name}`}
      aria-labelledby={`service-${probe.name}`}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h2
            id={`service-${probe.name}`}
            className="text-tremor-title font-semibold capitalize text-tremor-content-strong dark:text-dark-tremor-content-strong"
          >
            {probe.name}
          </h2>
          <p
            className="truncate text-tremor-label text-tremor-content dark:text-dark-tremor-content"
            title={probe.url}
          >
            {probe.instance ? `${probe.instance} · ` : ''}
            {probe.url}
          </p>
        </div>
        <Badge color={style.color}>{style.label}</Badge>
      </div>
      {probe.state === 'down' ? (
        <p className="mt-4 text-tremor-default text-rose-700 dark:text-rose-400">
          No answer from the service ({probe.reason}). Its figures return once it answers again.
        </p>
      ) : (
        <>
          {probe.reason ? (
            <p className="mt-3 text-tremor-default text-amber-700 dark:text-amber-400">
              {probe.reason}
            </p>
          ) : null}
          <dl className="mt-4 grid grid-cols-3 gap-x-4 gap-y-3">
            <Figure label="Version" value={probe.version || '–'} />
            <Figure label="Uptime" value={formatDuration(probe.uptimeSeconds ?? 0)} />
            <Figure label="Checks" value={probe.state === 'up' ? 'All ok' : 'Failing'} />
            <Figure
              label="Requests"
              value={probe.figures ? `${probe.figures.requestsPerSecond.toFixed(2)}/s` : '–'}
            />
            <Figure label="Errors (5xx)" value={percent(probe.figures?.errorRatio)} />
            <Figure label="p95 latency" value={latency(probe.figures?.p95Seconds)} />
          </dl>
          <p className="mt-3 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
            {probe.figures
              ? `Request figures ${windowLabel(probe.figures)} (${counted(probe.figures.requests, 'request')}).`
              : 'The metrics could not be read.'}
          </p>
          <RateTrend probe={probe} />
        </>
      )}
    </Card>
  );
}
