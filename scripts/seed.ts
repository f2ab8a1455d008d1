import { createDb } from '@trellis/db';
import { seedDemoData } from '@trellis/db/seed';
import { hashPassword } from '../services/users/src/password.ts';

/** `npm run db:seed`: seeds demo data into DATABASE_URL, hashing passwords as users does. */
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is required: the migrated Postgres database to seed\n');
  process.exit(1);
}
const database = createDb(url, { max: 2, applicationName: 'trellis-seed' });
try {
  const result = await seedDemoData(database.db, { hashPassword: (pw) => hashPassword(pw) });
  if (result.status === 'seeded') {
    const { users, orders, rooms, meetings } = result.counts;
    console.log(
      `demo data seeded: ${users} users, ${orders} orders, ${rooms} rooms, ${meetings} meetings`,
    );
  } else {
    console.log(`demo data not seeded: ${result.reason}`);
  }
} finally {
  await database.close();
}
