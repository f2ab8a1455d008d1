import type { ServiceClient } from '@trellis/client';
import type { Database } from '@trellis/db';
import type { LiveConfig } from '@trellis/kit';
import type { OrdersConfig } from './config.ts';

export interface OrdersDeps {
  db: Database;
  now: () => Date;
  /** Checks that the user placing an order exists and is active. */
  users: ServiceClient<'users'>;
  /** Live config; read at request time so a change applies without a restart. */
  config: LiveConfig<OrdersConfig>;
}
