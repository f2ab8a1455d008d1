import type { Database } from '@trellis/db';
import type { RegistryNotifier } from './notifier.ts';

/** What the registry routes need from the config app's deps. */
export interface RegistryDeps {
  db: Database;
  now: () => Date;
  /** Change fan-out between centers, expiry sweep and the registry policy. */
  registry: RegistryNotifier;
}
