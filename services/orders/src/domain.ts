import type { UsersComponents } from '@trellis/client';
import { ApiError, counted, IllegalStatusTransition } from '@trellis/kit';
import {
  type OrderAction,
  type OrderStatus,
  orderLifecycle,
  type ReachedStatus,
} from './lifecycle.ts';

export {
  type OrderAction,
  type OrderStatus,
  orderActions,
  type ReachedStatus,
} from './lifecycle.ts';

export class OrderNotFound extends ApiError {
  constructor(id: string) {
    super('not_found', { detail: `No order with id ${id}.` });
  }
}

export class IllegalTransition extends IllegalStatusTransition {
  constructor(from: OrderStatus, action: OrderAction) {
    super('an order', from, action);
  }
}

export class UserNotEligible extends ApiError {
  constructor(userId: string, reason: 'missing' | 'suspended') {
    super('unprocessable', {
      detail:
        reason === 'missing'
          ? `No user with id ${userId}; orders need an existing user.`
          : `The user ${userId} is suspended and cannot order.`,
      errors: [
        {
          in: 'body',
          path: 'userId',
          message: reason === 'missing' ? 'does not exist' : 'is suspended',
        },
      ],
    });
  }
}

export class TooManyItems extends ApiError {
  constructor(count: number, max: number) {
    super('unprocessable', {
      detail: `An order may hold at most ${counted(max, 'line')}; this one has ${count}.`,
      errors: [{ in: 'body', path: 'items', message: `must have at most ${counted(max, 'line')}` }],
      extensions: { maxItemsPerOrder: max },
    });
  }
}

export class PaymentWindowExpired extends ApiError {
  constructor(id: string, deadline: Date) {
    super('conflict', {
      detail:
        `The payment window of order ${id} expired at ${deadline.toISOString()}, ` +
        'so the order is cancelled and cannot be paid.',
      extensions: { currentStatus: 'cancelled', paymentDeadline: deadline.toISOString() },
    });
  }
}

/** Where `action` takes an order in `current`; a conflict naming its status otherwise. */
export function nextStatus(current: OrderStatus, action: OrderAction): ReachedStatus {
  return orderLifecycle.next(current, action, IllegalTransition);
}

export interface LineInput {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface PricedLine extends LineInput {
  lineTotalCents: number;
}

/** Line and order totals in minor units; the client's idea of the total is never trusted. */
export function priceLines(lines: readonly LineInput[]): {
  items: PricedLine[];
  totalCents: number;
} {
  const items = lines.map((line) => ({
    ...line,
    lineTotalCents: line.quantity * line.unitPriceCents,
  }));
  const totalCents = items.reduce((sum, line) => sum + line.lineTotalCents, 0);
  if (!Number.isSafeInteger(totalCents)) {
    throw new ApiError('unprocessable', {
      detail: 'The order total is too large to represent exactly.',
      errors: [{ in: 'body', path: 'items', message: 'total is too large' }],
    });
  }
  return { items, totalCents };
}

/** An order holds at most `max` lines; `max` is live config (`maxItemsPerOrder`). */
export function assertItemCount(count: number, max: number): void {
  if (count > max) {
    throw new TooManyItems(count, max);
  }
}

const minuteMs = 60_000;

/** When an order placed at `createdAt` stops taking payment. */
export function paymentDeadline(createdAt: Date, timeoutMinutes: number): Date {
  return new Date(createdAt.getTime() + timeoutMinutes * minuteMs);
}

/**
 * Whether a payment at `now` comes too late: at or after the deadline the order is cancelled
 * instead. The timeout is live config, so it is the one in force when the payment arrives.
 */
export function paymentTooLate(createdAt: Date, now: Date, timeoutMinutes: number): boolean {
  return now.getTime() >= paymentDeadline(createdAt, timeoutMinutes).getTime();
}

/** A user as the users service describes them, as far as ordering needs. */
export interface DirectoryUser {
  status: UsersComponents['schemas']['UserStatus'];
}

/** Only active users may order; `undefined` is a user the users service does not know. */
export function assertMayOrder(userId: string, user: DirectoryUser | undefined): void {
  if (!user) {
    throw new UserNotEligible(userId, 'missing');
  }
  if (user.status !== 'active') {
    throw new UserNotEligible(userId, 'suspended');
  }
}

const dayMs = 86_400_000;

export interface DayRange {
  /** Start of the first day, inclusive. */
  from: Date;
  /** Start of the day after today, exclusive. */
  to: Date;
  /** Each day as `YYYY-MM-DD`, oldest first; the last is today. */
  dates: string[];
}

/** The last `days` UTC calendar days up to and including the day of `now`. */
export function utcDayRange(now: Date, days: number): DayRange {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = today - (days - 1) * dayMs;
  const dates = Array.from({ length: days }, (_, index) =>
    new Date(first + index * dayMs).toISOString().slice(0, 10),
  );
  return { from: new Date(first), to: new Date(today + dayMs), dates };
}

export interface CurrencyAmount {
  currency: string;
  amountCents: number;
}

export interface DailyFigures {
  date: string;
  orders: number;
  revenue: CurrencyAmount[];
}

/**
 * One entry per day of the range, zero-filled, from per-day order counts and per-day,
 * per-currency revenue; amounts are listed by currency code so the output is stable.
 */
export function dailyFigures(
  dates: readonly string[],
  placed: readonly { date: string; orders: number }[],
  revenue: readonly ({ date: string } & CurrencyAmount)[],
): DailyFigures[] {
  const counts = new Map(placed.map((row) => [row.date, row.orders]));
  return dates.map((date) => ({
    date,
    orders: counts.get(date) ?? 0,
    revenue: revenue
      .filter((row) => row.date === date && row.amountCents !== 0)
      .map(({ currency, amountCents }) => ({ currency, amountCents }))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
  }));
}
