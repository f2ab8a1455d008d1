import { formatShortDay } from './format';

interface Day {
  date: string;
  orders: number;
  revenue: { currency: string; amountCents: number }[];
}

/** Chart rows from the daily figures: one row per day, a column per currency, major units. */
export function activityPoints(days: readonly Day[]) {
  const currencies = [...new Set(days.flatMap((day) => day.revenue.map((r) => r.currency)))].sort();
  const points = days.map((day) => {
    const row: { day: string; Orders: number; [currency: string]: number | string } = {
      day: formatShortDay(day.date),
      Orders: day.orders,
    };
    for (const currency of currencies) {
      const amount = day.revenue.find((r) => r.currency === currency)?.amountCents ?? 0;
      row[currency] = amount / 100;
    }
    return row;
  });
  return { points, currencies };
}
