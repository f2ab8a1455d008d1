import type { UserRow } from '@trellis/db/schema';
import { changeRequested, propagationHeaders } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { type UserAction, UserChangedMeanwhile, UserNotFound } from '../../domain.ts';
import { findUserById, type UserChanges, updateUser } from '../../repository/users.ts';
import { userEvent } from './present.ts';

/** The parts of a route's context `changeUser` uses. */
interface UserChangeContext {
  get(key: 'deps'): UsersDeps;
  req: { header(name: string): string | undefined };
  header(name: string, value: string): void;
}

/**
 * Writes `changes` (decided from the user as read) at the version read, honouring the route's
 * `If-Match`, and publishes `event`; `action` names the change when another request wins.
 */
export function changeUser(
  c: UserChangeContext,
  id: string,
  action: UserAction | 'update',
  changes: (current: UserRow) => UserChanges,
  event: string,
): Promise<UserRow> {
  const { db, now } = c.get('deps');
  const headers = propagationHeaders();
  return changeRequested(c, {
    read: () => findUserById(db, id),
    notFound: () => new UserNotFound(id),
    write: (current) =>
      updateUser(
        db,
        id,
        current.version,
        changes(current),
        (row) => userEvent(event)(row, headers),
        now(),
      ),
    lostRace: () => new UserChangedMeanwhile(id, action),
  });
}
