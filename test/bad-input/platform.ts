import { defineConfig, z } from '@trellis/kit';
import { type JsonRequester, jsonRequester, type TestIdentity } from '@trellis/kit/testing';
import { expect } from 'vitest';
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
import { createOrdersHarness, type OrdersHarness } from '../../services/orders/test/harness.ts';
import { createUsersHarness, type UsersHarness } from '../../services/users/test/harness.ts';
import { allowedCaller } from '../access.ts';
import { exampleOf, type Operation, type RequestSpec } from './openapi-requests.ts';

/**
 * The four services built in process on real test databases, with one of each resource, so a
 * request the fuzzer leaves valid reaches the database as a real caller's would. Each request
 * is sent as someone the operation's declared access lets in, so it is judged on its input.
 */

/** A config schema with a free-form string, as services declare them. */
export const greetingConfig = defineConfig(z.object({ greeting: z.string().default('hello') }));

export interface Platform {
  /** Sends `init` to the operation's service as a caller its access admits. */
  send(operation: Operation, url: string, init: RequestInit): Promise<Response>;
  baseline(operation: Operation): RequestSpec;
  close(): Promise<void>;
}

/** How to call one service app as each kind of caller its operations may admit. */
interface Callers {
  /** The harness's own staff caller (an admin or an operator), whom every user route admits. */
  staff: JsonRequester;
  service(name: string): JsonRequester;
  metrics: JsonRequester;
}

/** A harness app trusting `identity`: its staff requests, and any service by its own key. */
function callersOf(
  service: string,
  harness: { app: Parameters<typeof jsonRequester>[0]; request: JsonRequester },
  identity: TestIdentity,
): Callers {
  return {
    staff: harness.request,
    service: (name) => jsonRequester(harness.app, () => identity.asService(name, service)),
    metrics: jsonRequester(harness.app, () => ({
      authorization: `Bearer ${identity.metricsToken}`,
    })),
  };
}

async function created(request: JsonRequester, path: string, json: unknown, headers = {}) {
  const res = await request(path, { method: 'POST', json, headers });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
  return (await res.json()) as { id: string };
}

async function seedMeetings(meetings: MeetingsHarness) {
  const organizerId = await meetings.createUser('Organizer');
  const attendeeId = await meetings.createUser('Attendee');
  const room = await created(meetings.request, '/v1/rooms', { name: 'Orchard', capacity: 8 });
  const meeting = await created(meetings.request, '/v1/meetings', {
    title: 'Roadmap',
    organizerId,
    roomId: room.id,
    startsAt: '2026-12-01T09:00:00Z',
    endsAt: '2026-12-01T10:00:00Z',
    attendeeIds: [attendeeId],
  });
  return { organizerId, attendeeId, roomId: room.id, meetingId: meeting.id };
}

async function seedConfig(config: ConfigHarness, ordersToken: string) {
  const center = config.center;
  await uploadSchema(center, 'orders', greetingConfig);
  expect((await publish(center, people.grace, { greeting: 'one' })).status).toBe(201);
  // A publish in the protected namespace waits for approval: change request 1.
  await saveDraft(center, people.grace, { greeting: 'two' }, { namespace: 'prod' });
  const asked = await center.request('/v1/config/prod/orders/releases', {
    method: 'POST',
    headers: bearer(await userToken(people.grace)),
    json: { comment: 'needs approval' },
  });
  expect(asked.status).toBe(202);
  const registered = await center.request('/v1/registry/instances', {
    method: 'POST',
    headers: bearer(ordersToken),
    json: {
      service: 'orders',
      instanceId: 'orders-fuzz-1',
      address: 'http://127.0.0.1:4102',
      version: '1.0.0',
    },
  });
  expect(registered.status).toBe(201);
}

export async function startPlatform(): Promise<Platform> {
  const [users, orders, meetings, config]: [
    UsersHarness,
    OrdersHarness,
    MeetingsHarness,
    ConfigHarness,
  ] = await Promise.all([
    createUsersHarness(),
    createOrdersHarness(),
    createMeetingsHarness(),
    createConfigHarness(),
  ]);
  // Not grace, who asks for the change request: an author may not approve their own.
  const adminToken = await userToken(people.linus);
  const ordersToken = await serviceToken('orders');
  const center = config.center.app;
  const callers: Record<string, Callers> = {
    users: callersOf('users', users, users.identity),
    orders: callersOf('orders', orders, orders.identity),
    meetings: callersOf('meetings', meetings, meetings.identity),
    config: {
      staff: jsonRequester(center, () => bearer(adminToken)),
      // The registry's bodies name orders: only orders' own token may act on them.
      service: () => jsonRequester(center, () => bearer(ordersToken)),
      metrics: jsonRequester(center, () => bearer(ordersToken)),
    },
  };
  const userId = (
    await created(users.request, '/v1/users', { email: 'ada@example.org', name: 'Ada' })
  ).id;
  const buyerId = await orders.createUser();
  const order = await created(orders.request, '/v1/orders', {
    userId: buyerId,
    currency: 'EUR',
    items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 100 }],
  });
  const seeded = await seedMeetings(meetings);
  await seedConfig(config, ordersToken);

  const pathValues: Record<string, Record<string, string>> = {
    users: { id: userId },
    orders: { id: order.id },
    meetings: { id: seeded.meetingId },
    rooms: { id: seeded.roomId },
    config: { namespace: 'dev', service: 'orders', revision: '1', id: '1' },
    registry: { service: 'orders', instanceId: 'orders-fuzz-1' },
  };
  const pathOverrides: Record<string, Record<string, string>> = {
    // Change request 1 waits in the protected namespace.
    'config.approveChangeRequest': { namespace: 'prod' },
    'config.rejectChangeRequest': { namespace: 'prod' },
  };
  const queryOverrides: Record<string, Record<string, string>> = {
    'config.diff': { from: '0', to: '1' },
    'config.poll': { timeoutMs: '0' },
  };
  const bodies: Record<string, (example: Record<string, unknown>) => unknown> = {
    'users.lookup': () => ({ ids: [userId] }),
    'orders.create': (example) => ({ ...example, userId: buyerId }),
    'meetings.create': (example) => ({
      ...example,
      organizerId: seeded.organizerId,
      roomId: seeded.roomId,
      attendeeIds: [],
    }),
    'config.rollback': () => ({ toRevision: 1, comment: 'back to one' }),
    'meetings.rsvp': () => ({ userId: seeded.attendeeId, response: 'accepted' }),
    'config.saveDraft': () => ({ values: { greeting: 'hello' } }),
    'config.uploadSchema': () => ({
      jsonSchema: greetingConfig.jsonSchema,
      secretKeys: [],
    }),
    'registry.register': (example) => ({
      ...example,
      service: 'orders',
      instanceId: 'orders-fuzz-1',
    }),
  };

  return {
    send(operation, url, init) {
      const service = callers[operation.service];
      if (!service) {
        throw new Error(`no app for ${operation.service}`);
      }
      const caller = allowedCaller(operation.access);
      const request =
        caller.as === 'service' ? service.service(caller.service) : service[caller.as];
      return request(url, init);
    },
    baseline(operation) {
      const resource = operation.id.split('.')[0] ?? '';
      const spec: RequestSpec = { path: {}, query: {}, headers: {} };
      for (const parameter of operation.parameters) {
        const example = parameter.schema.example ?? exampleOf(operation.document, parameter.schema);
        if (parameter.in === 'path') {
          spec.path[parameter.name] = pathValues[resource]?.[parameter.name] ?? String(example);
        } else if (parameter.in === 'query' && parameter.name !== 'cursor') {
          // Contract examples of cursors are illustrations, not positions this database issued.
          spec.query[parameter.name] = String(example);
        }
      }
      Object.assign(spec.path, pathOverrides[operation.id]);
      Object.assign(spec.query, queryOverrides[operation.id]);
      if (operation.body) {
        const example = exampleOf(operation.document, operation.body) as Record<string, unknown>;
        spec.body = { json: bodies[operation.id]?.(example) ?? example };
      }
      return spec;
    },
    async close() {
      await Promise.all([users.database.drop(), orders.close(), meetings.close(), config.close()]);
    },
  };
}
