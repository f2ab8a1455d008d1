import { TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { Order } from '@/data/orders';
import type { User } from '@/data/users';
import { formatCompactDateTime, formatMoney, shortId } from '@/lib/format';
import { OrderStatusBadge } from './order-status-badge';

export function OrderTable({
  orders,
  customers,
}: {
  orders: Order[];
  customers: Map<string, User>;
}) {
  return (
    <DataTable columns={['Order', 'Customer', 'Status', { label: 'Total', numeric: true }]}>
      {orders.map((order) => {
        const customer = customers.get(order.userId);
        return (
          <TableRow key={order.id}>
            <TableCell>
              <Link
                href={`/orders/${order.id}`}
                className="font-medium text-tremor-content-strong hover:underline dark:text-dark-tremor-content-strong"
                title={order.id}
              >
                {shortId(order.id)}
              </Link>
              <span className="block text-tremor-label">
                {formatCompactDateTime(order.createdAt)} UTC
              </span>
            </TableCell>
            <TableCell className="min-w-48 whitespace-normal">
              {customer ? (
                <Link href={`/users/${customer.id}`} className="hover:underline">
                  <span className="block text-tremor-content-strong dark:text-dark-tremor-content-strong">
                    {customer.name}
                  </span>
                  <span className="block text-tremor-label [overflow-wrap:anywhere]">
                    {customer.email}
                  </span>
                </Link>
              ) : (
                <span title={order.userId}>{shortId(order.userId)}</span>
              )}
            </TableCell>
            <TableCell>
              <OrderStatusBadge status={order.status} />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {formatMoney(order.totalCents, order.currency)}
            </TableCell>
          </TableRow>
        );
      })}
    </DataTable>
  );
}
