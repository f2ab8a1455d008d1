import { TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { User } from '@/data/users';
import { formatDate } from '@/lib/format';
import { RoleBadges, UserStatusBadge } from './user-badges';

export function UserTable({ users }: { users: User[] }) {
  return (
    <DataTable columns={['Name', 'Email', 'Roles', 'Status', 'Created']}>
      {users.map((user) => (
        <TableRow key={user.id}>
          <TableCell>
            <Link
              href={`/users/${user.id}`}
              className="font-medium text-tremor-content-strong hover:underline dark:text-dark-tremor-content-strong"
            >
              {user.name}
            </Link>
          </TableCell>
          <TableCell>{user.email}</TableCell>
          <TableCell>
            <RoleBadges roles={user.roles} />
          </TableCell>
          <TableCell>
            <UserStatusBadge status={user.status} />
          </TableCell>
          <TableCell>{formatDate(user.createdAt)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
