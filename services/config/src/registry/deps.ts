import type { Database } from '@trellis/db';
import type { TokenSecrets } from '@trellis/kit';
import type { RegistryNotifier } from './notifier.ts';

/** What the registry routes need from the config app's deps. */
export interface RegistryDeps {
  db: Database;
  now: () => Date;
  /** Verifies service tokens (register, heartbeat) and users' tokens (reads, evictions). */
  tokens: TokenSecrets;
  /** Change fan-out between centers, expiry sweep and the registry policy. */
  registry: RegistryNotifier;
}
