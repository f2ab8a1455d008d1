import type { ServiceClient } from '@trellis/client';
import type { Database } from '@trellis/db';

export interface OrdersDeps {
  db: Database;
  now: () => Date;
  /** Checks that the user placing an order exists and is active. */
  users: ServiceClient<'users'>;
}
