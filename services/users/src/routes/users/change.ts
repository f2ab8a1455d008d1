import type { Tx } from '@trellis/db';
import type { UserRow } from '@trellis/db/schema';
import { changeRequested } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { type UserAction, UserChangedMeanwhile, UserNotFound } from '../../domain.ts';
import { findUserById, type UserChanges, updateUser } from '../../repository/users.ts';
import type { UserTopic } from '../../topics.ts';
import { userEvent } from './present.ts';

/** The parts of a route's context `changeUser` uses. */
interface UserChangeContext {
  get(key: 'deps'): UsersDeps;
  req: { header(name: string): string | undefined };
  header(name: string, value: string): void;
}

export interface UserChange {
  action: UserAction | 'update';
  /** The changes, decided from the user as read. */
  changes: (current: UserRow) => UserChanges;
  event: UserTopic;
  /** More writes on the change's transaction (audit, revoked sessions), from before and after. */
  along?: (tx: Tx, before: UserRow, after: UserRow) => Promise<void>;
}

/**
 * Writes a change at the version read, honouring the route's `If-Match`, and publishes its
 * event; `action` names the change when another request wins.
 */
export function changeUser(c: UserChangeContext, id: string, change: UserChange): Promise<UserRow> {
  const { db, now } = c.get('deps');
  const { along } = change;
  return changeRequested(c, {
    read: () => findUserById(db, id),
    notFound: () => new UserNotFound(id),
    write: (current) =>
      updateUser(
        db,
        id,
        current.version,
        change.changes(current),
        userEvent(change.event),
        now(),
        along ? (tx, updated) => along(tx, current, updated) : undefined,
      ),
    lostRace: () => new UserChangedMeanwhile(id, change.action),
  });
}
