import { Badge } from '@tremor/react';
import type { OrderStatus } from '@/data/orders';

const styles: Record<OrderStatus, { label: string; color: string }> = {
  pending_payment: { label: 'Pending payment', color: 'amber' },
  paid: { label: 'Paid', color: 'blue' },
  fulfilled: { label: 'Fulfilled', color: 'emerald' },
  cancelled: { label: 'Cancelled', color: 'gray' },
  refunded: { label: 'Refunded', color: 'violet' },
};

export function orderStatusLabel(status: OrderStatus): string {
  return styles[status].label;
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge color={styles[status].color}>{styles[status].label}</Badge>;
}
