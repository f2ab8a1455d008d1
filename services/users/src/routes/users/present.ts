import type { Tx } from '@trellis/db';
import type { UserRow } from '@trellis/db/schema';
import { publish } from '@trellis/kit';
import type { UserTopic } from '../../topics.ts';
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

/** Publishes `topic` about the user, on the transaction that changed it. */
export function userEvent(topic: UserTopic) {
  return (tx: Tx, row: UserRow) => publish(tx, topic, { user: presentUser(row) });
}
