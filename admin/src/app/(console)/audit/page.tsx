import type { Metadata } from 'next';
import { SecurityEventFilters } from '@/components/audit/security-event-filters';
import { SecurityEventTable } from '@/components/audit/security-event-table';
import { AdminOnly } from '@/components/ui/admin-only';
import { PageHeader } from '@/components/ui/page-header';
import { PagedCard } from '@/components/ui/pager';
import { ServiceUnavailable } from '@/components/ui/service-unavailable';
import { listSecurityEvents, securityEventActions } from '@/data/security-events';
import { lookupUsers } from '@/data/users';
import { requireSession } from '@/lib/auth';
import { may } from '@/lib/permissions';
import { searchParam } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Audit trail' };

const description =
  'Security events recorded by the users service: sign-ins and refusals, refreshes refused and ' +
  'reuse detected, sign-outs, role grants, suspensions, API keys and signing-key rotations.';

export default async function AuditPage({ searchParams }: PageProps<'/audit'>) {
  const session = await requireSession();
  if (!may(session.role, 'audit.read')) {
    return (
      <>
        <PageHeader title="Audit trail" />
        <AdminOnly what="read the security audit trail" />
      </>
    );
  }
  const params = await searchParams;
  const action = searchParam(params, 'action', securityEventActions);
  const cursor = searchParam(params, 'cursor');
  const page = await listSecurityEvents(session, { action, cursor });
  const people = page.ok
    ? await lookupUsers(
        session,
        page.data.items.flatMap((event) => [event.actor, event.subject]).filter(isUserId),
      )
    : new Map();
  return (
    <>
      <PageHeader title="Audit trail" description={description} />
      <SecurityEventFilters action={action} actions={securityEventActions} />
      {page.ok ? (
        <PagedCard basePath="/audit" query={{ action }} cursor={cursor} page={page.data}>
          <SecurityEventTable events={page.data.items} people={people} />
        </PagedCard>
      ) : (
        <ServiceUnavailable service="users" problem={page.problem} />
      )}
    </>
  );
}

function isUserId(id: string | null | undefined): id is string {
  return typeof id === 'string' && id.startsWith('usr_');
}
