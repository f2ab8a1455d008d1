import { userStatuses } from '@trellis/users/lifecycle';
import type { Metadata } from 'next';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { PagedCard } from '@/components/ui/pager';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { UserFilters } from '@/components/users/user-filters';
import { UserTable } from '@/components/users/user-table';
import { listUsers } from '@/data/users';
import { requireSession } from '@/lib/auth';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage({ searchParams }: PageProps<'/users'>) {
  const session = await requireSession();
  const params = await searchParams;
  const q = searchParam(params, 'q');
  const status = searchParam(params, 'status', userStatuses);
  const cursor = searchParam(params, 'cursor');
  const page = await listUsers(session, { q, status, cursor });
  return (
    <>
      <PageHeader
        title="Users"
        description="Accounts, their roles and status."
        actions={<LinkButton href="/users/new">New user</LinkButton>}
      />
      <UserFilters q={q} status={status} />
      {page.ok ? (
        <PagedCard basePath="/users" query={{ q, status }} cursor={cursor} page={page.data}>
          <UserTable users={page.data.items} />
        </PagedCard>
      ) : (
        <ServiceUnavailable service="users" problem={page.problem} />
      )}
    </>
  );
}
