import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { OrderCreateForm } from '@/components/orders/order-create-form';
import { PageHeader } from '@/components/ui/page-header';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { listActiveUsers } from '@/data/users';
import { requireSession } from '@/lib/auth';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'New order' };

export default async function NewOrderPage({ searchParams }: PageProps<'/orders/new'>) {
  const session = await requireSession();
  const customerId = searchParam(await searchParams, 'userId');
  const customers = await listActiveUsers(session);
  return (
    <>
      <PageHeader title="New order" description="Placed on behalf of an active user." />
      {customers.ok ? (
        <Card className="max-w-3xl">
          <OrderCreateForm
            customers={customers.data.map(({ id, name, email }) => ({ id, name, email }))}
            customerId={customerId}
            idempotencyKey={crypto.randomUUID()}
          />
        </Card>
      ) : (
        <ServiceUnavailable service="users" problem={customers.problem} />
      )}
    </>
  );
}
