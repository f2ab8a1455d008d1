import { sql } from 'drizzle-orm';
import type { Database, Executor } from './client.ts';
import { meetingAttendees, meetings, rooms } from './schema/meetings.ts';
import { orderItems, orders } from './schema/orders.ts';
import { users } from './schema/users.ts';
import { buildDemoData, type DemoData } from './seed/demo-data.ts';
import { demoLogins } from './seed/users.ts';

export { type DemoLogin, demoLogins } from './seed/users.ts';

export interface SeedOptions {
  /** The users service's password hash; passed in because db sits below the services. */
  hashPassword: (password: string) => Promise<string>;
  now?: Date;
}

export interface SeedCounts {
  users: number;
  rooms: number;
  orders: number;
  orderItems: number;
  meetings: number;
  attendees: number;
}

export type SeedResult =
  | { status: 'seeded'; counts: SeedCounts }
  | { status: 'skipped'; reason: 'already-seeded' | 'not-empty' };

async function skipReason(db: Executor): Promise<'already-seeded' | 'not-empty' | undefined> {
  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${demoLogins.admin.email}`)
    .limit(1);
  if (admin) {
    return 'already-seeded';
  }
  // Demo rows never go into a database someone already uses: they would mix with real data.
  for (const table of [users, rooms, orders, meetings]) {
    const [row] = await db.select({ one: sql`1` }).from(table).limit(1);
    if (row) {
      return 'not-empty';
    }
  }
  return undefined;
}

async function insertDemoData(tx: Executor, data: DemoData): Promise<SeedCounts> {
  const items = data.orders.flatMap(({ id, items }) =>
    items.map((item) => ({ ...item, orderId: id })),
  );
  const attendees = data.meetings.flatMap(({ id, attendees }) =>
    attendees.map((attendee) => ({ ...attendee, meetingId: id })),
  );
  await tx.insert(users).values(data.users);
  await tx.insert(rooms).values(data.rooms);
  await tx.insert(orders).values(data.orders.map(({ items: _items, ...order }) => order));
  await tx.insert(orderItems).values(items);
  await tx
    .insert(meetings)
    .values(data.meetings.map(({ attendees: _attendees, ...meeting }) => meeting));
  await tx.insert(meetingAttendees).values(attendees);
  return {
    users: data.users.length,
    rooms: data.rooms.length,
    orders: data.orders.length,
    orderItems: items.length,
    meetings: data.meetings.length,
    attendees: attendees.length,
  };
}

/**
 * Writes the demo data set (users, orders, rooms, meetings) in one transaction, once: a
 * database that already has the demo admin, or any data at all, is left as it is.
 * Baseline data, not domain changes, so no outbox events are written.
 */
export async function seedDemoData(db: Database, options: SeedOptions): Promise<SeedResult> {
  const precheck = await skipReason(db);
  if (precheck) {
    return { status: 'skipped', reason: precheck };
  }
  const now = options.now ?? new Date();
  const logins = Object.values(demoLogins);
  const hashes = await Promise.all(logins.map((login) => options.hashPassword(login.password)));
  const data = buildDemoData(
    now,
    new Map(logins.map((login, index) => [login.email, hashes[index] ?? ''])),
  );
  return db.transaction(async (tx) => {
    // Two starts racing on one database: the second waits here, then sees the first's data.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('trellis:seed'))`);
    const reason = await skipReason(tx);
    if (reason) {
      return { status: 'skipped', reason };
    }
    return { status: 'seeded', counts: await insertDemoData(tx, data) };
  });
}
