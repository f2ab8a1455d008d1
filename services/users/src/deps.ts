import type { Database } from '@trellis/db';
import type { LiveConfig } from '@trellis/kit';
import type { UsersConfig } from './config.ts';
import type { TokenSettings } from './tokens.ts';

export interface UsersDeps {
  db: Database;
  now: () => Date;
  tokens: TokenSettings;
  /** PBKDF2 iterations for new hashes; lowered only in tests. */
  passwordIterations: number;
  /** Live config; read at request time so a change applies without a restart. */
  config: LiveConfig<UsersConfig>;
}
