import { Badge } from '@tremor/react';
import type { User } from '@/data/users';

const statusStyles: Record<User['status'], { label: string; color: string }> = {
  active: { label: 'Active', color: 'emerald' },
  suspended: { label: 'Suspended', color: 'rose' },
};

export function userStatusLabel(status: User['status']): string {
  return statusStyles[status].label;
}

export function UserStatusBadge({ status }: { status: User['status'] }) {
  return <Badge color={statusStyles[status].color}>{statusStyles[status].label}</Badge>;
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
