import { Badge } from '@tremor/react';
import type { User } from '@/data/users';

export function UserStatusBadge({ status }: { status: User['status'] }) {
  return status === 'active' ? (
    <Badge color="emerald">Active</Badge>
  ) : (
    <Badge color="rose">Suspended</Badge>
  );
}

export function RoleBadges({ roles }: { roles: User['roles'] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {roles.map((role) => (
        <Badge
          key={role}
          color={role === 'admin' ? 'violet' : role === 'operator' ? 'blue' : 'gray'}
        >
          {role}
        </Badge>
      ))}
    </span>
  );
}
