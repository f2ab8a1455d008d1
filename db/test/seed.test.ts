import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoLogins, type SeedResult, seedDemoData } from '../src/seed.ts';

const now = new Date('2026-11-26T10:00:00.000Z');
const nowSql = now.toISOString();
const monthAgoSql = new Date(now.getTime() - 31 * 86_400_000).toISOString();
const hashPassword = async (password: string) => `test$${password}`;

interface Counts {
  users: number;
  rooms: number;
  orders: number;
  order_items: number;
  meetings: number;
  meeting_attendees: number;
  outbox: number;
}

describe('seedDemoData', () => {
  let database: TestDatabase;
  let first: SeedResult;

  async function counts(): Promise<Counts> {
    const [row] = await database.sql<Counts[]>`
      select
        (select count(*)::int from users) as users,
        (select count(*)::int from rooms) as rooms,
        (select count(*)::int from orders) as orders,
        (select count(*)::int from order_items) as order_items,
        (select count(*)::int from meetings) as meetings,
        (select count(*)::int from meeting_attendees) as meeting_attendees,
        (select count(*)::int from outbox) as outbox`;
    if (!row) {
      throw new Error('no counts');
    }
    return row;
  }

  beforeAll(async () => {
    database = await createTestDatabase(inject('adminDatabaseUrl'));
    first = await seedDemoData(database.db, { hashPassword, now });
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('writes about fifty users, 200 orders, 8 rooms and 100 meetings', async () => {
    expect(first.status).toBe('seeded');
    const c = await counts();
    expect(c.users).toBe(50);
    expect(c.rooms).toBe(8);
    expect(c.orders).toBe(200);
    expect(c.meetings).toBe(100);
    expect(c.order_items).toBeGreaterThanOrEqual(200);
    expect(c.meeting_attendees).toBeGreaterThanOrEqual(100);
    expect(c.outbox).toBe(0);
  });

  it('creates the three demo logins with hashed passwords and only them', async () => {
    const rows = await database.sql<{ email: string; roles: string; password_hash: string }[]>`
      select email, roles::text, password_hash from users where password_hash is not null
      order by email`;
    expect(rows).toEqual([
      {
        email: demoLogins.admin.email,
        roles: '{member,admin}',
        password_hash: 'test$trellis-admin',
      },
      {
        email: demoLogins.member.email,
        roles: '{member}',
        password_hash: 'test$trellis-member',
      },
      {
        email: demoLogins.operator.email,
        roles: '{member,operator}',
        password_hash: 'test$trellis-operator',
      },
    ]);
  });

  it('has mostly members, three operators and a few suspended users', async () => {
    const [row] = await database.sql<{ operators: number; suspended: number; members: number }[]>`
      select
        count(*) filter (where 'operator' = any(roles))::int as operators,
        count(*) filter (where status = 'suspended')::int as suspended,
        count(*) filter (where roles = '{member}')::int as members
      from users`;
    expect(row?.operators).toBe(3);
    expect(row?.suspended).toBeGreaterThanOrEqual(2);
    expect(row?.members).toBeGreaterThan(40);
  });

  it('covers every order state with timestamps that fit the state', async () => {
    const rows = await database.sql<{ status: string; count: number; consistent: number }[]>`
      select status::text, count(*)::int as count,
        count(*) filter (where
          created_at <= ${nowSql}::timestamptz and updated_at <= ${nowSql}::timestamptz
          and (paid_at is not null) = (status in ('paid', 'fulfilled', 'refunded'))
          and (fulfilled_at is not null) = (status = 'fulfilled')
          and (cancelled_at is not null) = (status = 'cancelled')
          and (refunded_at is not null) = (status = 'refunded')
          and coalesce(paid_at, created_at) >= created_at
          and coalesce(fulfilled_at, refunded_at, paid_at, created_at) >= coalesce(paid_at, created_at)
          and created_at >= ${monthAgoSql}::timestamptz
        )::int as consistent
      from orders group by status order by status`;
    expect(rows.map((r) => r.status).sort()).toEqual(
      ['cancelled', 'fulfilled', 'paid', 'pending_payment', 'refunded'].sort(),
    );
    for (const row of rows) {
      expect(row.consistent, row.status).toBe(row.count);
    }
  });

  it('stores order totals equal to the sum of quantity times unit price', async () => {
    const [row] = await database.sql<{ wrong_totals: number; wrong_lines: number }[]>`
      select
        (select count(*)::int from orders o where o.total_cents <> (
          select sum(i.quantity * i.unit_price_cents) from order_items i where i.order_id = o.id
        )) as wrong_totals,
        (select count(*)::int from order_items
          where line_total_cents <> quantity * unit_price_cents) as wrong_lines`;
    expect(row).toEqual({ wrong_totals: 0, wrong_lines: 0 });
  });

  it('never books a room twice at the same time', async () => {
    const [row] = await database.sql<{ overlaps: number }[]>`
      select count(*)::int as overlaps from meetings a join meetings b
        on a.room_id = b.room_id and a.id < b.id
        and a.status <> 'cancelled' and b.status <> 'cancelled'
        and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')`;
    expect(row?.overlaps).toBe(0);
  });

  it('spreads meetings over two weeks either side of now, some cancelled', async () => {
    const [row] = await database.sql<
      { past: number; future: number; cancelled: number; outside: number }[]
    >`
      select
        count(*) filter (where starts_at < ${nowSql}::timestamptz)::int as past,
        count(*) filter (where abs(extract(epoch from starts_at - ${nowSql}::timestamptz))
          > 14 * 86400)::int as outside,
        count(*) filter (where starts_at >= ${nowSql}::timestamptz)::int as future,
        count(*) filter (where status = 'cancelled' and cancelled_at is not null)::int as cancelled
      from meetings`;
    expect(row?.past).toBeGreaterThan(20);
    expect(row?.future).toBeGreaterThan(20);
    expect(row?.cancelled).toBeGreaterThan(0);
    expect(row?.outside).toBe(0);
  });

  it('fits organizer and attendees into the room and invites only active users', async () => {
    const [row] = await database.sql<{ over_capacity: number; inactive: number }[]>`
      select
        (select count(*)::int from meetings m join rooms r on r.id = m.room_id
          where 1 + (select count(*) from meeting_attendees a where a.meeting_id = m.id)
            > r.capacity) as over_capacity,
        (select count(*)::int from meeting_attendees a join users u on u.id = a.user_id
          where u.status <> 'active') as inactive`;
    expect(row).toEqual({ over_capacity: 0, inactive: 0 });
    const responses = await database.sql<{ response: string }[]>`
      select distinct response::text from meeting_attendees order by 1`;
    expect(responses.map((r) => r.response)).toEqual(['accepted', 'declined', 'pending']);
  });

  it('changes nothing when run a second time', async () => {
    const before = await counts();
    const second = await seedDemoData(database.db, { hashPassword, now: new Date() });
    expect(second).toEqual({ status: 'skipped', reason: 'already-seeded' });
    expect(await counts()).toEqual(before);
  });
});

describe('seedDemoData on a database already in use', () => {
  it('leaves it alone', async () => {
    const database = await createTestDatabase(inject('adminDatabaseUrl'));
    try {
      await database.sql`insert into rooms (id, name, capacity) values ('room_x', 'Loft', 4)`;
      const result = await seedDemoData(database.db, { hashPassword, now });
      expect(result).toEqual({ status: 'skipped', reason: 'not-empty' });
      const [row] = await database.sql<
        { users: number }[]
      >`select count(*)::int as users from users`;
      expect(row?.users).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
