import { createDb } from '@trellis/db';
import { type SeedResult, seedDemoData } from '@trellis/db/seed';
import { hashPassword } from '../../services/users/src/password.ts';

/** Seeds the demo data set, hashing the demo passwords exactly as the users service does. */
export async function seedDemo(databaseUrl: string): Promise<SeedResult> {
  const database = createDb(databaseUrl, { max: 2, applicationName: 'trellis-seed' });
  try {
    return await seedDemoData(database.db, { hashPassword: (password) => hashPassword(password) });
  } finally {
    await database.close();
  }
}
