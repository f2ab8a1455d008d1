import { Card } from '@tremor/react';
import type { CurrencyAmount, OrderStats } from '@/data/orders';
import { formatMoney } from '@/lib/format';

function amounts(list: CurrencyAmount[]): string[] {
  return list.length === 0
    ? [formatMoney(0, 'EUR')]
    : list.map((amount) => formatMoney(amount.amountCents, amount.currency));
}

/** A figure per line: amounts in different currencies are never added up. */
function Kpi({ label, value, note }: { label: string; value: string[]; note: string }) {
  return (
    <Card>
      <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        {label}
      </p>
      {value.map((line) => (
        <p
          key={line}
          className={`mt-1 font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong ${value.length > 1 ? 'text-2xl' : 'text-tremor-metric'}`}
        >
          {line}
        </p>
      ))}
      <p className="mt-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        {note}
      </p>
    </Card>
  );
}

/** Today's figures (UTC) and what waits for payment now. */
export function OrderKpis({ stats }: { stats: OrderStats }) {
  const today = stats.days.at(-1);
  return (
    <div className="grid gap-4 md:grid-cols-3" data-testid="order-kpis">
      <Kpi
        label="Orders today"
        value={[String(today?.orders ?? 0)]}
        note="Placed since 00:00 UTC"
      />
      <Kpi
        label="Revenue today"
        value={amounts(today?.revenue ?? [])}
        note="Paid today and not refunded"
      />
      <Kpi
        label="Pending payment"
        value={[String(stats.pendingPayment.orders)]}
        note={`Worth ${amounts(stats.pendingPayment.amounts).join(' + ')}`}
      />
    </div>
  );
}
