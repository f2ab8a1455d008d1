import { Card } from '@tremor/react';
import type { ReactNode } from 'react';
import type { User } from '@/data/users';
import { formatDateTime } from '@/lib/format';
import { RoleBadges, UserStatusBadge } from './user-badges';

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

export function UserDetails({ user }: { user: User }) {
  return (
    <Card>
      <dl className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
        <Row label="Email">{user.email}</Row>
        <Row label="Status">
          <UserStatusBadge status={user.status} />
        </Row>
        <Row label="Roles">
          <RoleBadges roles={user.roles} />
        </Row>
        <Row label="Id">
          <code className="text-tremor-label">{user.id}</code>
        </Row>
        <Row label="Created">{formatDateTime(user.createdAt)}</Row>
        <Row label="Last changed">
          {formatDateTime(user.updatedAt)} (version {user.version})
        </Row>
      </dl>
    </Card>
  );
}
