import { outbox, rooms } from '@trellis/db/schema';
import { expectIdempotentRace, expectKeyReuseRefused, expectProblem } from '@trellis/kit/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomPageSchema, RoomSchema } from '../src/routes/rooms/schema.ts';
import { createMeetingsHarness, type MeetingsHarness } from './harness.ts';

let h: MeetingsHarness;

beforeAll(async () => {
  h = await createMeetingsHarness();
});
afterAll(async () => {
  await h.close();
});

async function createRoom(body: Record<string, unknown>) {
  const res = await h.request('/v1/rooms', { method: 'POST', json: body });
  return { res, body: (await res.clone().json()) as Record<string, unknown> };
}

describe('POST /v1/rooms', () => {
  it('creates a room with a prefixed id and points Location at it', async () => {
    const { res, body } = await createRoom({ name: 'Orchard', capacity: 8, location: 'Floor 2' });
    expect(res.status).toBe(201);
    const room = RoomSchema.parse(body);
    expect(room).toMatchObject({ name: 'Orchard', capacity: 8, location: 'Floor 2' });
    expect(room.id).toMatch(/^room_[0-9a-f]{32}$/);
    expect(room.createdAt).toBe(h.clock.now.toISOString());
    expect(res.headers.get('location')).toBe(`/v1/rooms/${room.id}`);
  });

  it('answers a room without a location with location null', async () => {
    const { body } = await createRoom({ name: 'Nook', capacity: 1 });
    expect(RoomSchema.parse(body).location).toBeNull();
  });

  it('refuses a name already taken, compared case-insensitively, with 409 naming name', async () => {
    await createRoom({ name: 'Greenhouse', capacity: 4 });
    const { res } = await createRoom({ name: 'GREENHOUSE', capacity: 6 });
    const problem = await expectProblem(res, 409, 'name');
    expect(problem.detail).toContain('GREENHOUSE');
  });

  it('writes room.created to the outbox with the room and the request id', async () => {
    const res = await h.request('/v1/rooms', {
      method: 'POST',
      json: { name: 'Atrium', capacity: 20 },
      headers: { 'x-request-id': 'req-atrium' },
    });
    const room = RoomSchema.parse(await res.json());
    const events = await h.database.db.select().from(outbox).where(eq(outbox.aggregateId, room.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      aggregateType: 'room',
      eventType: 'room.created',
      payload: { room },
    });
    expect(events[0]?.headers['x-request-id']).toBe('req-atrium');
    expect(events[0]?.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });

  it.each([
    ['a missing field', { capacity: 4 }, 'name'],
    ['a wrong type', { name: 'Typed', capacity: 'eight' }, 'capacity'],
    ['a fractional capacity', { name: 'Half', capacity: 1.5 }, 'capacity'],
    ['a capacity below one', { name: 'Empty', capacity: 0 }, 'capacity'],
    ['a blank name', { name: '   ', capacity: 2 }, 'name'],
    ['an unknown field', { name: 'Extra', capacity: 2, floor: 3 }, ''],
  ])('answers %s with a 400 problem naming the field', async (_case, body, field) => {
    const { res } = await createRoom(body);
    await expectProblem(res, 400, field);
  });
});

describe('POST /v1/rooms with an Idempotency-Key', () => {
  it('creates exactly one room when eight requests with one key race, all answered alike', async () => {
    const body = { name: 'Racetrack', capacity: 12 };
    const room = RoomSchema.parse(await expectIdempotentRace(h.request, '/v1/rooms', body));
    const rows = await h.database.db.select().from(rooms).where(eq(rooms.name, 'Racetrack'));
    expect(rows.map((row) => row.id)).toEqual([room.id]);
    expect(
      await h.database.db.select().from(outbox).where(eq(outbox.aggregateId, room.id)),
    ).toHaveLength(1);
  });

  it('refuses the same key with another body with 422 naming the header', async () => {
    await expectKeyReuseRefused(
      h.request,
      '/v1/rooms',
      { name: 'Keyed', capacity: 2 },
      { name: 'Keyed', capacity: 3 },
    );
  });
});

describe('GET /v1/rooms/{id}', () => {
  it('returns the room', async () => {
    const { body } = await createRoom({ name: 'Loft', capacity: 5 });
    const res = await h.request(`/v1/rooms/${body.id}`);
    expect(res.status).toBe(200);
    expect(RoomSchema.parse(await res.json())).toEqual(body);
  });

  it('answers an unknown id with 404 and a malformed id with 400 naming id', async () => {
    await expectProblem(await h.request(`/v1/rooms/room_${'0'.repeat(32)}`), 404);
    await expectProblem(await h.request('/v1/rooms/mtg_123'), 400, 'id');
  });
});

describe('GET /v1/rooms', () => {
  it('lists every room by name, case-insensitively, one cursor page at a time', async () => {
    for (const name of ['beta', 'Alpha', 'delta', 'Charlie']) {
      await createRoom({ name, capacity: 2 });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = RoomPageSchema.parse(await (await h.request(`/v1/rooms${query}`)).json());
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((room) => room.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(seen).toEqual(expect.arrayContaining(['Alpha', 'beta', 'Charlie', 'delta']));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('answers %s with a 400 problem naming the field', async (query, field) => {
    await expectProblem(await h.request(`/v1/rooms?${query}`), 400, field);
  });
});
