import { ApiError } from '@trellis/kit';
import { describe, expect, it } from 'vitest';
import {
  assertItemCount,
  assertMayOrder,
  IllegalTransition,
  nextStatus,
  type OrderAction,
  type OrderStatus,
  orderActions,
  PaymentWindowExpired,
  paymentDeadline,
  paymentTooLate,
  priceLines,
  TooManyItems,
} from '../src/domain.ts';
import { orderActionsFrom, orderStatuses } from '../src/lifecycle.ts';

const allowed: [OrderStatus, OrderAction, OrderStatus][] = [
  ['pending_payment', 'pay', 'paid'],
  ['pending_payment', 'cancel', 'cancelled'],
  ['paid', 'fulfill', 'fulfilled'],
  ['paid', 'refund', 'refunded'],
];

const statuses: OrderStatus[] = ['pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded'];

const illegal = statuses.flatMap((status) =>
  orderActions
    .filter((action) => !allowed.some(([from, a]) => from === status && a === action))
    .map((action) => [status, action] as const),
);

describe('the order state machine', () => {
  it.each(allowed)('moves %s through %s to %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('refuses 16 of the 20 status and action pairs', () => {
    expect(illegal).toHaveLength(16);
  });

  it.each(illegal)('refuses to leave %s by %s, naming the current status', (from, action) => {
    let thrown: unknown;
    try {
      nextStatus(from, action);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalTransition);
    const error = thrown as IllegalTransition;
    expect(error.status).toBe(409);
    expect(error.detail).toBe(`Cannot ${action} an order whose status is ${from}.`);
    expect(error.extensions).toEqual({ currentStatus: from });
  });
});

describe('the actions an order allows', () => {
  it.each(statuses)(
    'lists for %s exactly the actions the state machine takes it through',
    (status) => {
      const taken = orderActions.filter((action) =>
        allowed.some(([from, a]) => from === status && a === action),
      );
      expect(orderActionsFrom(status)).toEqual(taken);
    },
  );

  it('lists every status once, the one an order is placed in first', () => {
    expect([...orderStatuses].sort()).toEqual([...statuses].sort());
    expect(orderStatuses[0]).toBe('pending_payment');
  });
});

describe('pricing', () => {
  it('computes each line total and the order total in minor units', () => {
    const priced = priceLines([
      { sku: 'A', quantity: 3, unitPriceCents: 199 },
      { sku: 'B', quantity: 1, unitPriceCents: 0 },
      { sku: 'C', quantity: 2, unitPriceCents: 1250 },
    ]);
    expect(priced.items.map((line) => line.lineTotalCents)).toEqual([597, 0, 2500]);
    expect(priced.totalCents).toBe(3097);
  });

  it('refuses a total too large to represent exactly', () => {
    const lines = Array.from({ length: 10 }, () => ({
      sku: 'X',
      quantity: 1,
      unitPriceCents: Number.MAX_SAFE_INTEGER,
    }));
    expect(() => priceLines(lines)).toThrow(ApiError);
  });
});

describe('who may order', () => {
  it('lets an active user order and refuses a missing or suspended one with 422', () => {
    expect(() => assertMayOrder('usr_1', { status: 'active' })).not.toThrow();
    for (const user of [undefined, { status: 'suspended' as const }]) {
      let thrown: unknown;
      try {
        assertMayOrder('usr_1', user);
      } catch (error) {
        thrown = error;
      }
      expect((thrown as ApiError).status).toBe(422);
      expect((thrown as ApiError).errors[0]?.path).toBe('userId');
    }
  });
});

describe('the payment window', () => {
  const placed = new Date('2026-11-26T10:00:00.000Z');
  const at = (minutes: number) => new Date(placed.getTime() + minutes * 60_000);

  it('closes timeoutMinutes after the order was placed', () => {
    expect(paymentDeadline(placed, 30)).toEqual(at(30));
    expect(paymentTooLate(placed, at(29.99), 30)).toBe(false);
    expect(paymentTooLate(placed, at(30), 30)).toBe(true);
    expect(paymentTooLate(placed, at(31), 30)).toBe(true);
  });

  it('follows the timeout in force when the payment arrives', () => {
    expect(paymentTooLate(placed, at(20), 30)).toBe(false);
    expect(paymentTooLate(placed, at(20), 15)).toBe(true);
  });

  it('says the window expired and the order is cancelled, with a 409', () => {
    const error = new PaymentWindowExpired('ord_1', at(30));
    expect(error.status).toBe(409);
    expect(error.detail).toMatch(/payment window .* expired .* cancelled/);
    expect(error.extensions).toMatchObject({ currentStatus: 'cancelled' });
  });
});

describe('the number of lines', () => {
  it('allows up to the limit and refuses more with 422 naming items', () => {
    expect(() => assertItemCount(3, 3)).not.toThrow();
    let thrown: unknown;
    try {
      assertItemCount(4, 3);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TooManyItems);
    expect((thrown as ApiError).status).toBe(422);
    expect((thrown as ApiError).errors[0]?.path).toBe('items');
  });

  it('says "1 line", not "1 lines", when the limit is one', () => {
    const single = new TooManyItems(2, 1);
    expect(single.detail).toBe('An order may hold at most 1 line; this one has 2.');
    expect(single.errors[0]?.message).toBe('must have at most 1 line');
    expect(new TooManyItems(3, 2).errors[0]?.message).toBe('must have at most 2 lines');
  });
});
