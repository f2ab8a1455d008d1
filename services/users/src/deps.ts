import type { Database } from '@trellis/db';
import type { LiveConfig } from '@trellis/kit';
import type { UsersConfig } from './config.ts';
import type { SessionSettings } from './sessions.ts';

export interface UsersDeps {
  db: Database;
  now: () => Date;
  /** Signing keys, access token settings and the refresh tokens' lifetime. */
  tokens: SessionSettings;
  /** A keyed digest of a password, kept beside an Idempotency-Key in its place. */
  digestSecret: (secret: string) => Promise<string>;
  /** PBKDF2 iterations for new hashes; lowered only in tests. */
  passwordIterations: number;
  /** Live config; read at request time so a change applies without a restart. */
  config: LiveConfig<UsersConfig>;
}
