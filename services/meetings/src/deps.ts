import type { ServiceClient } from '@trellis/client';
import type { Database } from '@trellis/db';
import type { LiveConfig } from '@trellis/kit';
import type { MeetingsConfig } from './config.ts';

export interface MeetingsDeps {
  db: Database;
  now: () => Date;
  /** Checks that organizers and attendees exist and are active. */
  users: ServiceClient<'users'>;
  /** Live config; read at request time so a change applies without a restart. */
  config: LiveConfig<MeetingsConfig>;
}
