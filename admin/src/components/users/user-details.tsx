import { DetailList, DetailRow } from '@/components/ui/detail-list';
import type { User } from '@/data/users';
import { formatDateTime } from '@/lib/format';
import { RoleBadges, UserStatusBadge } from './user-badges';

export function UserDetails({ user }: { user: User }) {
  return (
    <DetailList>
      <DetailRow label="Email">{user.email}</DetailRow>
      <DetailRow label="Status">
        <UserStatusBadge status={user.status} />
      </DetailRow>
      <DetailRow label="Roles">
        <RoleBadges roles={user.roles} />
      </DetailRow>
      <DetailRow label="Id">
        <code className="text-tremor-label">{user.id}</code>
      </DetailRow>
      <DetailRow label="Created">{formatDateTime(user.createdAt)}</DetailRow>
      <DetailRow label="Last changed">
        {formatDateTime(user.updatedAt)} (version {user.version})
      </DetailRow>
    </DetailList>
  );
}
