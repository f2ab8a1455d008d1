'use client';

import { AreaChart, Badge, BarChart, Card } from '@tremor/react';
import {
  blockedLabels,
  blockReasons,
  type CallsPoint,
  type ResourceKind,
  type RtPoint,
} from '@/lib/resilience';

const blockedColors = {
  flow: 'rose',
  'hot-param': 'orange',
  breaker: 'violet',
  system: 'amber',
} as const;

const colorOf: Record<string, string> = Object.fromEntries([
  ['Passed', 'emerald'],
  ...blockReasons.map((reason) => [blockedLabels[reason], blockedColors[reason]]),
]);

const rate = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

const subheadingClass =
  'text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong';

/** One resource over the last five minutes: calls per second by outcome, and response time. */
export function ResourceCharts({
  name,
  kind,
  calls,
  blockedCategories,
  rt,
}: {
  name: string;
  kind: ResourceKind;
  calls: CallsPoint[];
  blockedCategories: string[];
  rt: RtPoint[];
}) {
  const categories = ['Passed', ...blockedCategories];
  return (
    <Card data-testid={`resource-charts-${name}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="break-all font-mono text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          {name}
        </h3>
        <Badge size="xs">{kind}</Badge>
        <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          last 5 minutes, per second, every instance together (UTC)
        </span>
      </div>
      <div className="mt-4 grid gap-6 xl:grid-cols-2">
        <div>
          <p className={subheadingClass}>Calls per second</p>
          <AreaChart
            className="mt-2 h-48"
            data={calls}
            index="time"
            categories={categories}
            colors={categories.map((category) => colorOf[category] ?? 'gray')}
            valueFormatter={(value) => rate.format(value)}
            allowDecimals={false}
            showAnimation={false}
            yAxisWidth={40}
            data-testid={`calls-chart-${name}`}
          />
        </div>
        <div>
          <p className={subheadingClass}>Average response time, ms</p>
          {/* Bars, not a line: a line would draw a trend across seconds without calls. */}
          <BarChart
            className="mt-2 h-48"
            data={rt}
            index="time"
            categories={['Avg RT (ms)']}
            colors={['blue']}
            valueFormatter={(value) => rate.format(value)}
            showAnimation={false}
            yAxisWidth={48}
            data-testid={`rt-chart-${name}`}
          />
        </div>
      </div>
    </Card>
  );
}
