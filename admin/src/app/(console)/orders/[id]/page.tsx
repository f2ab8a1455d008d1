import { initialOrderStatus, orderActionsFrom } from '@trellis/orders/lifecycle';
import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { OrderActions } from '@/components/orders/order-actions';
import { OrderItems, OrderSummary } from '@/components/orders/order-details';
import { PageNotice } from '@/components/ui/form-message';
import { PageHeader } from '@/components/ui/page-header';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { getOrder } from '@/data/orders';
import { getUser } from '@/data/users';
import { requireSession } from '@/lib/auth';
import { counted, shortId } from '@/lib/format';
import { offeredOrderActions } from '@/lib/order-actions';
import { may } from '@/lib/permissions';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Order' };

export default async function OrderPage({ params, searchParams }: PageProps<'/orders/[id]'>) {
  const session = await requireSession();
  const { id } = await params;
  const created = searchParam(await searchParams, 'created') === '1';
  const order = await getOrder(session, id);
  if (!order.ok) {
    return (
      <>
        <PageHeader title="Order" />
        <ServiceUnavailable service="orders" problem={order.problem} />
      </>
    );
  }
  const customer = await getUser(session, order.data.userId);
  return (
    <>
      <PageHeader
        title={`Order ${shortId(order.data.id)}`}
        description={`${counted(order.data.items.length, 'line')} · ${order.data.currency}`}
      />
      {created && order.data.status === initialOrderStatus ? (
        <PageNotice title="Order placed" message="It waits for payment." />
      ) : null}
      <div className="grid items-start gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <OrderSummary order={order.data} customer={customer.ok ? customer.data : undefined} />
          <OrderItems order={order.data} />
        </div>
        <Card>
          <h2 className="mb-3 text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
            Next steps
          </h2>
          <OrderActions
            orderId={order.data.id}
            actions={offeredOrderActions(order.data.status, session.role)}
            note={
              orderActionsFrom(order.data.status).includes('refund') &&
              !may(session.role, 'orders.refund')
                ? 'Refunds are for admins.'
                : undefined
            }
          />
        </Card>
      </div>
    </>
  );
}
