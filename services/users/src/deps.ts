import type { Database } from '@trellis/db';
import type { TokenSettings } from './tokens.ts';

export interface UsersDeps {
  db: Database;
  now: () => Date;
  tokens: TokenSettings;
  /** PBKDF2 iterations for new hashes; lowered only in tests. */
  passwordIterations: number;
}
