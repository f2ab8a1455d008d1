import { Callout } from '@tremor/react';
import type { Metadata } from 'next';
import { OrderActivityCharts } from '@/components/orders/order-activity-charts';
import { OrderFilters } from '@/components/orders/order-filters';
import { OrderKpis } from '@/components/orders/order-kpis';
import { OrderTable } from '@/components/orders/order-table';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { PagedCard } from '@/components/ui/pager';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { getOrderStats, listOrders, orderStatuses } from '@/data/orders';
import { findUser, lookupUsers } from '@/data/users';
import { requireSession } from '@/lib/auth';
import { activityPoints } from '@/lib/order-activity';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Orders' };

export default async function OrdersPage({ searchParams }: PageProps<'/orders'>) {
  const session = await requireSession();
  const params = await searchParams;
  const status = searchParam(params, 'status', orderStatuses);
  const user = searchParam(params, 'user');
  const cursor = searchParam(params, 'cursor');
  const customer = user ? await findUser(session, user) : undefined;
  const [stats, page] = await Promise.all([
    getOrderStats(session, 30),
    user && !customer
      ? Promise.resolve(undefined)
      : listOrders(session, { status, cursor, userId: customer?.id }),
  ]);
  const customers = page?.ok
    ? await lookupUsers(
        session,
        page.data.items.map((o) => o.userId),
      )
    : new Map();
  return (
    <>
      <PageHeader
        title="Orders"
        description="Today's figures, the last 30 days, and every order."
        actions={<LinkButton href="/orders/new">New order</LinkButton>}
      />
      {stats.ok ? (
        <div className="mb-8 space-y-4">
          <OrderKpis stats={stats.data} />
          <OrderActivityCharts {...activityPoints(stats.data.days)} />
        </div>
      ) : (
        <div className="mb-8">
          <ServiceUnavailable service="orders" problem={stats.problem} />
        </div>
      )}
      <OrderFilters status={status} user={user} />
      {!page ? (
        <div role="status">
          <Callout title="No such customer" color="amber">
            No user has the email or id “{user}”.
          </Callout>
        </div>
      ) : page.ok ? (
        <>
          {customer ? (
            <p className="mb-2 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
              Orders of {customer.name} ({customer.email})
            </p>
          ) : null}
          <PagedCard basePath="/orders" query={{ status, user }} cursor={cursor} page={page.data}>
            <OrderTable orders={page.data.items} customers={customers} />
          </PagedCard>
        </>
      ) : (
        <ServiceUnavailable service="orders" problem={page.problem} />
      )}
    </>
  );
}
