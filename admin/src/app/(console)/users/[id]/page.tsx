import { userActionsFrom } from '@trellis/users/lifecycle';
import { Card } from '@tremor/react';
import type { Metadata } from 'next';
import { PageNotice } from '@/components/ui/form-message';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { UserDetails } from '@/components/users/user-details';
import { UserRolesForm } from '@/components/users/user-roles-form';
import { UserStatusActions } from '@/components/users/user-status-actions';
import { getUser } from '@/data/users';
import { requireSession } from '@/lib/auth';
import { may } from '@/lib/permissions';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'User' };

const cardTitle =
  'mb-2 text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong';
const cardNote = 'text-tremor-default text-tremor-content dark:text-dark-tremor-content';

export default async function UserPage({ params, searchParams }: PageProps<'/users/[id]'>) {
  const session = await requireSession();
  const { id } = await params;
  const created = searchParam(await searchParams, 'created') === '1';
  const user = await getUser(session, id);
  if (!user.ok) {
    return (
      <>
        <PageHeader title="User" />
        <ServiceUnavailable service="users" problem={user.problem} />
      </>
    );
  }
  const mayChangeStatus = userActionsFrom(user.data.status).every((action) =>
    may(session.role, `users.${action}`),
  );
  return (
    <>
      <PageHeader
        title={user.data.name}
        description={user.data.email}
        actions={
          <>
            <LinkButton href={`/orders?user=${user.data.id}`} variant="secondary">
              Orders
            </LinkButton>
            <LinkButton href={`/orders/new?userId=${user.data.id}`}>New order</LinkButton>
          </>
        }
      />
      {/* Only while the user is as created: a later change is not this banner's news. */}
      {created && user.data.updatedAt === user.data.createdAt ? (
        <PageNotice
          title="User created"
          message={`${user.data.name} can be found under Users from now on.`}
        />
      ) : null}
      <div className="grid items-start gap-6 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <UserDetails user={user.data} />
        </div>
        <div className="space-y-6">
          <Card>
            <h2 className={cardTitle}>Status</h2>
            {mayChangeStatus ? (
              <UserStatusActions userId={user.data.id} status={user.data.status} />
            ) : (
              <p className={cardNote}>Only admins may suspend or reactivate users.</p>
            )}
          </Card>
          <Card>
            <h2 className={cardTitle}>Roles</h2>
            {may(session.role, 'users.grantRoles') ? (
              <UserRolesForm user={user.data} />
            ) : (
              <p className={cardNote}>Only admins may grant or take away roles.</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
