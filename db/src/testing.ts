import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type DbHandle } from './client.ts';
import { runMigrations } from './migrate.ts';

export const templateDatabase = 'trellis_test_template';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates the migrated template every test database is cloned from. Called once per run. */
export async function prepareTemplate(adminUrl: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${templateDatabase}" with (force)`);
    await admin.unsafe(`create database "${templateDatabase}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  await runMigrations(withDatabase(adminUrl, templateDatabase));
}

export interface TestDatabase extends DbHandle {
  url: string;
  name: string;
  /** Drops the database; call it in afterAll. */
  drop(): Promise<void>;
}

/** An isolated, migrated database for one test file, cloned from the template. */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `trellis_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${templateDatabase}"`);
        break;
      } catch (error) {
        // Two clones of one template at the same instant can collide; try again shortly.
        if (attempt >= 20) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(adminUrl, name);
  const handle = createDb(url, { max: 20, applicationName: 'trellis-test' });
  return {
    ...handle,
    url,
    name,
    async drop() {
      await handle.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
