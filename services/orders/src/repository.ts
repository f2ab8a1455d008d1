import { type Database, type Executor, newId, type Tx } from '@trellis/db';
import { type OrderItemRow, type OrderRow, orderItems, orders } from '@trellis/db/schema';
import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { OrderStatus, PricedLine, ReachedStatus } from './domain.ts';

export type OrderWithItems = OrderRow & { items: OrderItemRow[] };

/** Publishes the event of a change to `order`, on the change's transaction. */
export type OrderEvent = (tx: Tx, order: OrderWithItems) => Promise<unknown>;

export interface NewOrder {
  userId: string;
  currency: string;
  totalCents: number;
  items: PricedLine[];
}

/** Inserts an order, its lines and `event` on the caller's transaction. */
export async function insertOrder(
  tx: Tx,
  input: NewOrder,
  event: OrderEvent,
  now: Date,
): Promise<OrderWithItems> {
  const [row] = await tx
    .insert(orders)
    .values({
      id: newId('order'),
      userId: input.userId,
      currency: input.currency,
      totalCents: input.totalCents,
      status: 'pending_payment',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  const items = await tx
    .insert(orderItems)
    .values(input.items.map((item, position) => ({ orderId: row.id, position, ...item })))
    .returning();
  items.sort((a, b) => a.position - b.position);
  const order = { ...row, items };
  await event(tx, order);
  return order;
}

async function itemsOf(db: Executor, orderIds: string[]): Promise<Map<string, OrderItemRow[]>> {
  const byOrder = new Map<string, OrderItemRow[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) {
    return byOrder;
  }
  const rows = await db
    .select()
    .from(orderItems)
    .where(inArray(orderItems.orderId, orderIds))
    .orderBy(asc(orderItems.orderId), asc(orderItems.position));
  for (const row of rows) {
    byOrder.get(row.orderId)?.push(row);
  }
  return byOrder;
}

async function withItems(db: Executor, rows: OrderRow[]): Promise<OrderWithItems[]> {
  const items = await itemsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, items: items.get(row.id) ?? [] }));
}

export async function findOrderById(db: Executor, id: string): Promise<OrderWithItems | undefined> {
  const [row] = await db.select().from(orders).where(eq(orders.id, id)).limit(1);
  if (!row) {
    return undefined;
  }
  const [order] = await withItems(db, [row]);
  return order;
}

export interface OrderListQuery {
  userId?: string;
  status?: OrderStatus;
  limit: number;
  afterId?: string;
}

/** Newest first; keyset paging on the time-sortable id. Returns up to `limit + 1` orders. */
export async function listOrders(db: Database, query: OrderListQuery): Promise<OrderWithItems[]> {
  const filters: SQL[] = [];
  if (query.userId) {
    filters.push(eq(orders.userId, query.userId));
  }
  if (query.status) {
    filters.push(eq(orders.status, query.status));
  }
  if (query.afterId) {
    filters.push(lt(orders.id, query.afterId));
  }
  const rows = await db
    .select()
    .from(orders)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(orders.id))
    .limit(query.limit + 1);
  return withItems(db, rows);
}

/**
 * A user's orders still waiting for payment, oldest first, locked FOR UPDATE until the
 * transaction ends: what is cancelled when the user is suspended cannot be paid meanwhile.
 */
export async function lockPendingOrdersOf(tx: Tx, userId: string): Promise<OrderWithItems[]> {
  const rows = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.status, 'pending_payment')))
    .orderBy(asc(orders.id))
    .for('update');
  return withItems(tx, rows);
}

const reachedAt = {
  paid: 'paidAt',
  fulfilled: 'fulfilledAt',
  cancelled: 'cancelledAt',
  refunded: 'refundedAt',
} as const satisfies Record<ReachedStatus, keyof OrderRow>;

/**
 * Moves an order from `from` to `to` only if it is still at `version` (so still in `from`),
 * with its event, in one transaction (a savepoint of `db` when it is one); returns undefined
 * when another request changed it first.
 */
export async function transitionOrder(
  db: Executor,
  change: { id: string; version: number; from: OrderStatus; to: ReachedStatus },
  event: OrderEvent,
  now: Date,
): Promise<OrderWithItems | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(orders)
      .set({
        status: change.to,
        version: sql`${orders.version} + 1`,
        updatedAt: now,
        [reachedAt[change.to]]: now,
      })
      .where(
        and(
          eq(orders.id, change.id),
          eq(orders.version, change.version),
          eq(orders.status, change.from),
        ),
      )
      .returning();
    if (!row) {
      return undefined;
    }
    const [order] = await withItems(tx, [row]);
    if (!order) {
      throw new Error('updated order vanished');
    }
    await event(tx, order);
    return order;
  });
}

const utcDate = (column: typeof orders.createdAt | typeof orders.paidAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;

/** Orders placed per UTC day in [from, to). */
export async function countOrdersPerDay(
  db: Executor,
  range: { from: Date; to: Date },
): Promise<{ date: string; orders: number }[]> {
  const date = utcDate(orders.createdAt);
  return db
    .select({ date, orders: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(gte(orders.createdAt, range.from), lt(orders.createdAt, range.to)))
    .groupBy(date);
}

/** Per UTC day of payment in [from, to) and currency: totals of orders still paid or fulfilled. */
export async function sumRevenuePerDay(
  db: Executor,
  range: { from: Date; to: Date },
): Promise<{ date: string; currency: string; amountCents: number }[]> {
  const date = utcDate(orders.paidAt);
  return db
    .select({
      date,
      currency: orders.currency,
      amountCents: sql<number>`sum(${orders.totalCents})::bigint`.mapWith(Number),
    })
    .from(orders)
    .where(
      and(
        gte(orders.paidAt, range.from),
        lt(orders.paidAt, range.to),
        inArray(orders.status, ['paid', 'fulfilled']),
      ),
    )
    .groupBy(date, orders.currency);
}

/** Orders waiting for payment now: how many, and their worth per currency. */
export async function summarizePendingPayment(
  db: Executor,
): Promise<{ orders: number; amounts: { currency: string; amountCents: number }[] }> {
  const rows = await db
    .select({
      currency: orders.currency,
      orders: sql<number>`count(*)::int`,
      amountCents: sql<number>`sum(${orders.totalCents})::bigint`.mapWith(Number),
    })
    .from(orders)
    .where(eq(orders.status, 'pending_payment'))
    .groupBy(orders.currency)
    .orderBy(asc(orders.currency));
  return {
    orders: rows.reduce((sum, row) => sum + row.orders, 0),
    amounts: rows.map(({ currency, amountCents }) => ({ currency, amountCents })),
  };
}
