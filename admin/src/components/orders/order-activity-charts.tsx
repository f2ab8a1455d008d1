'use client';

import { AreaChart, Card } from '@tremor/react';

export interface ActivityPoint {
  day: string;
  Orders: number;
  /** Revenue per currency code, in major units. */
  [currency: string]: number | string;
}

const palette = ['blue', 'emerald', 'violet', 'amber', 'rose', 'cyan'];

const money = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Orders placed and revenue per day; revenue gets its own chart since its scale differs. */
export function OrderActivityCharts({
  points,
  currencies,
}: {
  points: ActivityPoint[];
  currencies: string[];
}) {
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Card>
        <h2 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          Orders per day
        </h2>
        <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          Last 30 days, UTC
        </p>
        <AreaChart
          className="mt-4 h-56"
          data={points}
          index="day"
          categories={['Orders']}
          colors={['blue']}
          allowDecimals={false}
          showAnimation={false}
          yAxisWidth={40}
          data-testid="orders-chart"
        />
      </Card>
      <Card>
        <h2 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
          Revenue per day
        </h2>
        <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          Last 30 days, UTC, by currency; refunded orders excluded
        </p>
        <AreaChart
          className="mt-4 h-56"
          data={points}
          index="day"
          categories={currencies}
          colors={palette.slice(1, currencies.length + 1)}
          valueFormatter={(value) => money.format(value)}
          showAnimation={false}
          yAxisWidth={64}
          data-testid="revenue-chart"
        />
      </Card>
    </div>
  );
}
