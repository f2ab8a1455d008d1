import type { ServiceClient } from '@trellis/client';
import type { Database } from '@trellis/db';

export interface MeetingsDeps {
  db: Database;
  now: () => Date;
  /** Checks that organizers and attendees exist and are active. */
  users: ServiceClient<'users'>;
}
