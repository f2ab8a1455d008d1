import { encodeCursor } from '@trellis/kit';
import { expectProblem, type JsonRequester } from '@trellis/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  type ConfigHarness,
  createConfigHarness,
  people,
  publish,
  saveDraft,
  serviceToken,
  uploadSchema,
  userToken,
} from '../../services/config/test/harness.ts';
import {
  createMeetingsHarness,
  type MeetingsHarness,
} from '../../services/meetings/test/harness.ts';
import { createUsersHarness, type UsersHarness } from '../../services/users/test/harness.ts';
import { greetingConfig } from './platform.ts';

/**
 * The requests a fuzzer found answering 500 (issue 9): each now gets a 400 problem naming the
 * field, before anything reaches Postgres. Every case is set up so that, valid, it would have
 * reached the database.
 */

let users: UsersHarness;
let meetings: MeetingsHarness;
let config: ConfigHarness;
let organizerId: string;
let roomId: string;
let adminAuth: Record<string, string>;
let serviceAuth: Record<string, string>;

beforeAll(async () => {
  [users, meetings, config] = await Promise.all([
    createUsersHarness(),
    createMeetingsHarness(),
    createConfigHarness(),
  ]);
  organizerId = await meetings.createUser('Organizer');
  const room = await meetings.request('/v1/rooms', {
    method: 'POST',
    json: { name: 'Orchard', capacity: 8 },
  });
  roomId = ((await room.json()) as { id: string }).id;

  adminAuth = bearer(await userToken(people.grace));
  serviceAuth = bearer(await serviceToken('orders'));
  const center = config.center;
  await uploadSchema(center, 'orders', greetingConfig);
  // Revision 1 live, revision 2 a live gray release: rollback, promote and abandon all apply.
  expect((await publish(center, people.grace, { greeting: 'one' })).status).toBe(201);
  const gray = await publish(
    center,
    people.grace,
    { greeting: 'two' },
    { gray: { percentage: 10 } },
  );
  expect(gray.status).toBe(201);
});

afterAll(async () => {
  await Promise.all([users.database.drop(), meetings.close(), config.close()]);
});

interface Case {
  name: string;
  send: () => Promise<Response>;
  field: { in: 'body' | 'query' | 'path'; path: string };
}

const post = (request: JsonRequester, path: string, json: unknown, headers = {}) =>
  request(path, { method: 'POST', json, headers });
const center = () => config.center.request;
const configPath = '/v1/config/dev/orders';
const meeting = (title: string) => ({
  title,
  organizerId,
  roomId,
  startsAt: '2026-12-01T09:00:00Z',
  endsAt: '2026-12-01T10:00:00Z',
});
const registration = (version: string) => ({
  service: 'orders',
  instanceId: 'orders-fuzz-1',
  address: 'http://127.0.0.1:4102',
  version,
});

const fuzzed: Case[] = [
  {
    name: 'a NUL in a user name',
    send: () => post(users.request, '/v1/users', { email: 'nul@example.com', name: 'A\u0000da' }),
    field: { in: 'body', path: 'name' },
  },
  {
    name: 'a NUL in a room name',
    send: () => post(meetings.request, '/v1/rooms', { name: 'Or\u0000chard', capacity: 4 }),
    field: { in: 'body', path: 'name' },
  },
  {
    name: 'a NUL in a room location',
    send: () =>
      post(meetings.request, '/v1/rooms', { name: 'Attic', capacity: 4, location: 'Floor\u0000' }),
    field: { in: 'body', path: 'location' },
  },
  {
    name: 'a NUL in a meeting title',
    send: () => post(meetings.request, '/v1/meetings', meeting('Road\u0000map')),
    field: { in: 'body', path: 'title' },
  },
  {
    name: 'a NUL in a config draft value',
    send: () => saveDraft(config.center, people.grace, { greeting: 'hi\u0000' }),
    field: { in: 'body', path: 'values.greeting' },
  },
  {
    name: 'a NUL in a publish comment',
    send: () => post(center(), `${configPath}/releases`, { comment: 'sale\u0000' }, adminAuth),
    field: { in: 'body', path: 'comment' },
  },
  {
    name: 'a NUL in a rollback comment',
    send: () =>
      post(center(), `${configPath}/rollback`, { toRevision: 1, comment: 'undo\u0000' }, adminAuth),
    field: { in: 'body', path: 'comment' },
  },
  {
    name: 'a NUL in a gray promotion comment',
    send: () => post(center(), `${configPath}/gray/promote`, { comment: 'go\u0000' }, adminAuth),
    field: { in: 'body', path: 'comment' },
  },
  {
    name: 'a NUL in a gray abandonment comment',
    send: () => post(center(), `${configPath}/gray/abandon`, { comment: 'stop\u0000' }, adminAuth),
    field: { in: 'body', path: 'comment' },
  },
  {
    name: 'a NUL in a registered version',
    send: () => post(center(), '/v1/registry/instances', registration('1.0\u0000'), serviceAuth),
    field: { in: 'body', path: 'version' },
  },
  {
    name: 'a lone surrogate in a config draft value',
    send: () => saveDraft(config.center, people.grace, { greeting: 'hi\ud800' }),
    field: { in: 'body', path: 'values.greeting' },
  },
  {
    name: 'a NUL in the user search',
    send: () => users.request('/v1/users?q=%00'),
    field: { in: 'query', path: 'q' },
  },
  {
    name: 'a meeting window from year 0 to the end of year 9999',
    send: () => meetings.request('/v1/meetings?from=0000-01-01T00:00:00Z&to=9999-12-31T23:59:59Z'),
    field: { in: 'query', path: 'from' },
  },
  {
    name: 'a diff to a revision past the integer column',
    send: () => center()(`${configPath}/diff?from=0&to=99999999999`, { headers: adminAuth }),
    field: { in: 'query', path: 'to' },
  },
  {
    name: 'a poll after a revision past the integer column',
    send: () =>
      center()(`${configPath}/poll?instanceId=orders-1&afterRevision=99999999999&timeoutMs=0`, {
        headers: serviceAuth,
      }),
    field: { in: 'query', path: 'afterRevision' },
  },
];

const relatives: Case[] = [
  {
    name: 'a NUL in a user name change',
    send: async () => {
      const created = await post(users.request, '/v1/users', {
        email: 'grace@example.com',
        name: 'Grace',
      });
      const { id } = (await created.json()) as { id: string };
      return users.request(`/v1/users/${id}`, { method: 'PATCH', json: { name: 'G\u0000' } });
    },
    field: { in: 'body', path: 'name' },
  },
  {
    name: 'a NUL in a config draft key',
    send: () => saveDraft(config.center, people.grace, { 'greet\u0000ing': 'hi' }),
    field: { in: 'body', path: 'values' },
  },
  {
    name: 'a NUL in a gray label',
    send: () =>
      post(
        center(),
        `${configPath}/releases`,
        { comment: 'g', gray: { labels: { zone: 'a\u0000' } } },
        adminAuth,
      ),
    field: { in: 'body', path: 'gray.labels.zone' },
  },
  {
    name: 'a NUL in an uploaded config schema',
    send: () =>
      config.center.request('/v1/config/schemas/orders', {
        method: 'PUT',
        headers: serviceAuth,
        json: { jsonSchema: { type: 'object', description: 'x\u0000' }, secretKeys: [] },
      }),
    field: { in: 'body', path: 'jsonSchema.description' },
  },
  {
    name: 'a NUL in a registered label',
    send: () =>
      post(
        center(),
        '/v1/registry/instances',
        { ...registration('1.0'), labels: { zone: 'a\u0000' } },
        serviceAuth,
      ),
    field: { in: 'body', path: 'labels.zone' },
  },
  {
    name: 'a NUL in an applied report',
    send: () =>
      post(
        center(),
        `${configPath}/applied`,
        { instanceId: 'orders-\u00001', revision: 1, status: 'applied' },
        serviceAuth,
      ),
    field: { in: 'body', path: 'instanceId' },
  },
  {
    name: 'an applied revision past the integer column',
    send: () =>
      post(
        center(),
        `${configPath}/applied`,
        { instanceId: 'orders-1', revision: 99999999999, status: 'applied' },
        serviceAuth,
      ),
    field: { in: 'body', path: 'revision' },
  },
  {
    name: 'a release revision past the integer column',
    send: () => center()(`${configPath}/releases/99999999999`, { headers: adminAuth }),
    field: { in: 'path', path: 'revision' },
  },
  {
    name: 'a change request id past the integer column',
    send: () => post(center(), `${configPath}/change-requests/99999999999/approve`, {}, adminAuth),
    field: { in: 'path', path: 'id' },
  },
  {
    name: 'a release cursor past the integer column',
    send: () =>
      center()(`${configPath}/releases?cursor=${encodeCursor({ revision: '99999999999' })}`, {
        headers: adminAuth,
      }),
    field: { in: 'query', path: 'cursor' },
  },
  {
    name: 'a meetings cursor in year 0',
    send: () =>
      meetings.request(
        `/v1/meetings?cursor=${encodeCursor({ startsAt: '0000-01-01T00:00:00Z', id: 'mtg_1' })}`,
      ),
    field: { in: 'query', path: 'cursor' },
  },
  {
    name: 'a NUL in a users cursor',
    send: () => users.request(`/v1/users?cursor=${encodeCursor({ id: 'usr_\u0000' })}`),
    field: { in: 'query', path: 'cursor' },
  },
];

async function expectFieldRefused({ send, field }: Case) {
  const problem = await expectProblem(await send(), 400, field.path);
  expect(problem.errors).toContainEqual(expect.objectContaining(field));
  expect(problem.errors.find((error) => error.path === field.path)?.message).toMatch(/\w+ \w+/);
}

describe('the fifteen fuzzed requests that answered 500', () => {
  it('are fifteen', () => {
    expect(fuzzed).toHaveLength(15);
  });

  it.each(fuzzed)('refuse $name with a 400 naming the field', expectFieldRefused);
});

describe('requests like them', () => {
  it.each(relatives)('refuse $name with a 400 naming the field', expectFieldRefused);
});
