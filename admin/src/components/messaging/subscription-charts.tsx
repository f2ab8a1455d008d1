'use client';

import { AreaChart, Card, LineChart } from '@tremor/react';
import type { SubscriptionTrend } from '@/lib/messaging';

const rate = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

const subheadingClass =
  'text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong';

/** One subscription since the console started watching it: its rates, and its lag and queue. */
export function SubscriptionCharts({ id, trend }: { id: string; trend: SubscriptionTrend }) {
  return (
    <Card data-testid={`subscription-charts-${id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="break-all font-mono text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          {id}
        </h3>
        <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          last 10 minutes (UTC), one reading per refresh
        </span>
      </div>
      <div className="mt-4 grid gap-6 xl:grid-cols-2">
        <div>
          <p className={subheadingClass}>Handled per second</p>
          <AreaChart
            className="mt-2 h-40"
            data={trend}
            index="time"
            categories={['Processed/s', 'Failed/s']}
            colors={['emerald', 'rose']}
            valueFormatter={(value) => rate.format(value)}
            showAnimation={false}
            yAxisWidth={40}
          />
        </div>
        <div>
          <p className={subheadingClass}>Lag (s) and jobs waiting</p>
          <LineChart
            className="mt-2 h-40"
            data={trend}
            index="time"
            categories={['Lag (s)', 'Waiting', 'Delayed']}
            colors={['amber', 'blue', 'violet']}
            valueFormatter={(value) => rate.format(value)}
            showAnimation={false}
            yAxisWidth={40}
          />
        </div>
      </div>
    </Card>
  );
}
