import type { OrderRow } from '../schema/orders.ts';
import type { UserRow } from '../schema/users.ts';
import type { Random } from './random.ts';
import { addMs, day, earliest, hour, minute } from './time.ts';

export type OrderStatus = OrderRow['status'];

/** Prices in minor units; the same figures are used for USD and EUR orders. */
const catalog = [
  { sku: 'SKU-COFFEE-1KG', unitPriceCents: 2450 },
  { sku: 'SKU-COFFEE-250G', unitPriceCents: 890 },
  { sku: 'SKU-ESPRESSO-BEANS-500G', unitPriceCents: 1490 },
  { sku: 'SKU-TEA-SENCHA-100G', unitPriceCents: 1150 },
  { sku: 'SKU-CHAI-SPICED-200G', unitPriceCents: 990 },
  { sku: 'SKU-MUG-CERAMIC', unitPriceCents: 1200 },
  { sku: 'SKU-CARAFE-GLASS-1L', unitPriceCents: 2750 },
  { sku: 'SKU-DRIPPER-V60', unitPriceCents: 2300 },
  { sku: 'SKU-FILTER-PAPER-100', unitPriceCents: 499 },
  { sku: 'SKU-GRINDER-BURR', unitPriceCents: 8900 },
  { sku: 'SKU-KETTLE-GOOSENECK', unitPriceCents: 6400 },
  { sku: 'SKU-SCALE-DIGITAL', unitPriceCents: 3900 },
  { sku: 'SKU-MILK-FROTHER', unitPriceCents: 4500 },
  { sku: 'SKU-TAMPER-58MM', unitPriceCents: 3400 },
  { sku: 'SKU-SYRUP-VANILLA', unitPriceCents: 799 },
  { sku: 'SKU-CHOCOLATE-DARK-70', unitPriceCents: 350 },
  { sku: 'SKU-GIFT-CARD-50', unitPriceCents: 5000 },
];

/** 200 orders; every state is represented, fulfilled ones most often, as in a real shop. */
const statusCounts: Record<OrderStatus, number> = {
  pending_payment: 24,
  paid: 36,
  fulfilled: 100,
  cancelled: 24,
  refunded: 16,
};

export interface OrderCustomer {
  id: string;
  email: string;
  status: UserRow['status'];
  createdAt: Date;
  /** When a suspended customer was suspended; they order nothing after it. */
  suspendedAt?: Date;
}

export interface SeedOrderItem {
  position: number;
  sku: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface SeedOrder {
  userId: string;
  currency: string;
  totalCents: number;
  status: OrderStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  paidAt: Date | null;
  fulfilledAt: Date | null;
  cancelledAt: Date | null;
  refundedAt: Date | null;
  items: SeedOrderItem[];
}

function buildItems(random: Random): SeedOrderItem[] {
  const roll = random.next();
  const count = roll < 0.45 ? 1 : roll < 0.75 ? 2 : roll < 0.92 ? 3 : 4;
  return random.sample(catalog, count).map((product, index) => {
    const maxQuantity =
      product.unitPriceCents < 1000 ? 6 : product.unitPriceCents < 3000 ? 3 : random.int(1, 2);
    const quantity = random.int(1, maxQuantity);
    return {
      position: index + 1,
      sku: product.sku,
      quantity,
      unitPriceCents: product.unitPriceCents,
      lineTotalCents: quantity * product.unitPriceCents,
    };
  });
}

/** Creation time and the later transition times, consistent with the state and never in the future. */
function buildTimeline(random: Random, status: OrderStatus, now: Date) {
  const latest = addMs(now, -minute);
  const minutesAgo = (from: number, to: number) => addMs(now, -random.int(from, to) * minute);
  const daysAgo = (from: number, to: number) => minutesAgo(from * 24 * 60, to * 24 * 60);
  const later = (from: Date, minMs: number, maxMs: number) =>
    earliest(addMs(from, random.int(minMs, maxMs)), latest);

  if (status === 'pending_payment') {
    return { createdAt: minutesAgo(5, 24 * 60), version: 1 };
  }
  if (status === 'cancelled') {
    const createdAt = daysAgo(1, 30);
    return { createdAt, cancelledAt: later(createdAt, 15 * minute, 2 * day), version: 2 };
  }
  const createdAt = status === 'paid' ? minutesAgo(90, 4 * 24 * 60) : daysAgo(4, 30);
  const paidAt = later(createdAt, minute, 45 * minute);
  if (status === 'paid') {
    return { createdAt, paidAt, version: 2 };
  }
  if (status === 'fulfilled') {
    return { createdAt, paidAt, fulfilledAt: later(paidAt, 4 * hour, 3 * day), version: 3 };
  }
  return { createdAt, paidAt, refundedAt: later(paidAt, hour, 6 * day), version: 3 };
}

function canOrderAt(customer: OrderCustomer, at: Date, status: OrderStatus): boolean {
  if (customer.createdAt >= at) {
    return false;
  }
  if (customer.status === 'active') {
    return true;
  }
  // A suspension cancels pending orders, so a suspended customer keeps only settled ones.
  return status !== 'pending_payment' && (customer.suspendedAt ?? at) > at;
}

export function buildOrders(
  random: Random,
  now: Date,
  customers: OrderCustomer[],
  /** Gets a share of the orders, so signing in as them shows a history. */
  regular: OrderCustomer,
): SeedOrder[] {
  const statuses = random.shuffle(
    Object.entries(statusCounts).flatMap(([status, count]) =>
      Array.from({ length: count }, () => status as OrderStatus),
    ),
  );
  return statuses.map((status) => {
    const timeline = buildTimeline(random, status, now);
    const eligible = customers.filter((c) => canOrderAt(c, timeline.createdAt, status));
    const customer =
      random.chance(0.06) && canOrderAt(regular, timeline.createdAt, status)
        ? regular
        : random.pick(eligible);
    const items = buildItems(random);
    const paidAt = timeline.paidAt ?? null;
    const fulfilledAt = timeline.fulfilledAt ?? null;
    const cancelledAt = timeline.cancelledAt ?? null;
    const refundedAt = timeline.refundedAt ?? null;
    return {
      userId: customer.id,
      currency: random.chance(0.8) ? 'USD' : 'EUR',
      totalCents: items.reduce((sum, item) => sum + item.lineTotalCents, 0),
      status,
      version: timeline.version,
      createdAt: timeline.createdAt,
      updatedAt: fulfilledAt ?? refundedAt ?? cancelledAt ?? paidAt ?? timeline.createdAt,
      paidAt,
      fulfilledAt,
      cancelledAt,
      refundedAt,
      items,
    };
  });
}
