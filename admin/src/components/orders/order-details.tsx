import {
  Card,
  Table,
  TableBody,
  TableCell,
  TableFoot,
  TableFooterCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@tremor/react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Order } from '@/data/orders';
import type { User } from '@/data/users';
import { formatDateTime, formatMoney } from '@/lib/format';
import { OrderStatusBadge } from './order-status-badge';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2">
      <dt className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        {label}
      </dt>
      <dd className="col-span-2 text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {children}
      </dd>
    </div>
  );
}

export function OrderSummary({ order, customer }: { order: Order; customer: User | undefined }) {
  const milestones = [
    ['Placed', order.createdAt],
    ['Paid', order.paidAt],
    ['Fulfilled', order.fulfilledAt],
    ['Cancelled', order.cancelledAt],
    ['Refunded', order.refundedAt],
  ] as const;
  return (
    <Card>
      <dl className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
        <Row label="Status">
          <OrderStatusBadge status={order.status} />
        </Row>
        <Row label="Customer">
          {customer ? (
            <Link href={`/users/${customer.id}`} className="hover:underline">
              {customer.name} ({customer.email})
            </Link>
          ) : (
            <code className="text-tremor-label">{order.userId}</code>
          )}
        </Row>
        <Row label="Total">{formatMoney(order.totalCents, order.currency)}</Row>
        {milestones.map(([label, at]) =>
          at ? (
            <Row key={label} label={label}>
              {formatDateTime(at)}
            </Row>
          ) : null,
        )}
        <Row label="Id">
          <code className="text-tremor-label">{order.id}</code>
        </Row>
      </dl>
    </Card>
  );
}

export function OrderItems({ order }: { order: Order }) {
  return (
    <Card className="p-0">
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>SKU</TableHeaderCell>
            <TableHeaderCell className="text-right">Quantity</TableHeaderCell>
            <TableHeaderCell className="text-right">Unit price</TableHeaderCell>
            <TableHeaderCell className="text-right">Line total</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
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
        </TableBody>
        <TableFoot>
          <TableRow>
            <TableFooterCell>Total</TableFooterCell>
            <TableFooterCell />
            <TableFooterCell />
            <TableFooterCell className="text-right tabular-nums">
              {formatMoney(order.totalCents, order.currency)}
            </TableFooterCell>
          </TableRow>
        </TableFoot>
      </Table>
    </Card>
  );
}
