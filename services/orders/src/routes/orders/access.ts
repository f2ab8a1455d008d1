import type { Database } from '@trellis/db';
import { type Access, assertOwns } from '@trellis/kit';
import type { Context } from 'hono';
import { findOrderById, type OrderWithItems } from '../../repository.ts';

/** A member on their own orders (the handler checks with `assertOwns`), staff on any. */
export const ownerOrOperator = { owner: true, role: 'operator' } as const satisfies Access;

/** The order if the caller may act on it (a 403 if it is someone else's), or undefined. */
export async function findOrderFor(
  c: Context,
  db: Database,
  id: string,
): Promise<OrderWithItems | undefined> {
  const order = await findOrderById(db, id);
  if (order) {
    assertOwns(c, order.userId, 'orders');
  }
  return order;
}
