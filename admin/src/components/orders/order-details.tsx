import { Card, TableCell, TableFooterCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { DetailList, DetailRow } from '@/components/ui/detail-list';
import type { Order } from '@/data/orders';
import type { User } from '@/data/users';
import { formatDateTime, formatMoney } from '@/lib/format';
import { OrderStatusBadge } from './order-status-badge';

export function OrderSummary({ order, customer }: { order: Order; customer: User | undefined }) {
  const milestones = [
    ['Placed', order.createdAt],
    ['Paid', order.paidAt],
    ['Fulfilled', order.fulfilledAt],
    ['Cancelled', order.cancelledAt],
    ['Refunded', order.refundedAt],
  ] as const;
  return (
    <DetailList>
      <DetailRow label="Status">
        <OrderStatusBadge status={order.status} />
      </DetailRow>
      <DetailRow label="Customer">
        {customer ? (
          <Link href={`/users/${customer.id}`} className="hover:underline">
            {customer.name} ({customer.email})
          </Link>
        ) : (
          <code className="text-tremor-label">{order.userId}</code>
        )}
      </DetailRow>
      <DetailRow label="Total">{formatMoney(order.totalCents, order.currency)}</DetailRow>
      {milestones.map(([label, at]) =>
        at ? (
          <DetailRow key={label} label={label}>
            {formatDateTime(at)}
          </DetailRow>
        ) : null,
      )}
      <DetailRow label="Id">
        <code className="text-tremor-label">{order.id}</code>
      </DetailRow>
    </DetailList>
  );
}

const itemColumns = [
  'SKU',
  { label: 'Quantity', numeric: true },
  { label: 'Unit price', numeric: true },
  { label: 'Line total', numeric: true },
] as const;

export function OrderItems({ order }: { order: Order }) {
  return (
    <Card className="p-0">
      <DataTable
        columns={itemColumns}
        footer={
          <>
            <TableFooterCell>Total</TableFooterCell>
            <TableFooterCell />
            <TableFooterCell />
            <TableFooterCell className="text-right tabular-nums">
              {formatMoney(order.totalCents, order.currency)}
            </TableFooterCell>
          </>
        }
      >
        {order.items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an order's lines never move; the same SKU may appear twice
          <TableRow key={index}>
            <TableCell className="font-mono text-tremor-label">{item.sku}</TableCell>
            <TableCell className="text-right tabular-nums">{item.quantity}</TableCell>
            <TableCell className="text-right tabular-nums">
              {formatMoney(item.unitPriceCents, order.currency)}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {formatMoney(item.lineTotalCents, order.currency)}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Card>
  );
}
