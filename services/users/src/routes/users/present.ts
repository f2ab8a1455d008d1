import type { UserRow } from '@trellis/db/schema';
import type { User } from './schema.ts';

/** The public shape of a user: never the password hash. */
export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    roles: row.roles,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function userEvent(eventType: string) {
  return (row: UserRow, headers: Record<string, string>) => ({
    aggregateType: 'user',
    aggregateId: row.id,
    eventType,
    payload: { user: presentUser(row) },
    headers,
  });
}
