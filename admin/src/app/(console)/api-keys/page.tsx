import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { ApiKeyCreateForm } from '@/components/api-keys/api-key-create-form';
import { ApiKeyTable } from '@/components/api-keys/api-key-table';
import { AdminOnly } from '@/components/ui/admin-only';
import { PageHeader } from '@/components/ui/page-header';
import { PagedCard } from '@/components/ui/pager';
import { Section } from '@/components/ui/section';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { apiKeyScopes, listApiKeys } from '@/data/api-keys';
import { requireSession } from '@/lib/auth';
import { may } from '@/lib/permissions';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'API keys' };

const description =
  'Keys for outside consumers, such as mobile apps and partners, calling through the gateway ' +
  '(header x-api-key). Each is scoped to services, shown once when created, and stored hashed.';

export default async function ApiKeysPage({ searchParams }: PageProps<'/api-keys'>) {
  const session = await requireSession();
  if (!may(session.role, 'apiKeys.manage')) {
    return (
      <>
        <PageHeader title="API keys" />
        <AdminOnly what="see, create or revoke API keys" />
      </>
    );
  }
  const cursor = searchParam(await searchParams, 'cursor');
  const page = await listApiKeys(session, { cursor });
  return (
    <>
      <PageHeader title="API keys" description={description} />
      <Section id="new-key" title="New key">
        <Card className="max-w-2xl">
          <ApiKeyCreateForm scopes={apiKeyScopes} />
        </Card>
      </Section>
      <Section id="keys" title="Keys">
        {page.ok ? (
          <PagedCard basePath="/api-keys" cursor={cursor} page={page.data}>
            <ApiKeyTable apiKeys={page.data.items} />
          </PagedCard>
        ) : (
          <ServiceUnavailable service="users" problem={page.problem} />
        )}
      </Section>
    </>
  );
}
