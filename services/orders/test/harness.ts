import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createClient, type ServiceClient } from '@trellis/client';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { captureLogger } from '@trellis/kit/testing';
import { createUsersApp } from '@trellis/users';
import { inject } from 'vitest';
import { createOrdersApp } from '../src/app.ts';

type Server = ReturnType<typeof serve>;
type Requester = (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;

export interface OrdersHarness {
  app: ReturnType<typeof createOrdersApp>;
  database: TestDatabase;
  clock: { now: Date };
  logLines: Record<string, unknown>[];
  /** Base URL of the real users service the orders app calls. */
  usersUrl: string;
  request: Requester;
  /** Creates a user through the users service and returns its id. */
  createUser(options?: { suspended?: boolean }): Promise<string>;
  /** Requests to an orders app on the same database whose users client points at `baseUrl`. */
  withUsersAt(baseUrl: string): Requester;
  close(): Promise<void>;
}

async function listen(fetch: (request: Request) => Response | Promise<Response>) {
  return new Promise<{ server: Server; url: string }>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    if ('closeAllConnections' in server) {
      server.closeAllConnections();
    }
  });
}

/** A base URL where nothing listens: a server started and closed again. */
export async function closedUrl(): Promise<string> {
  const { server, url } = await listen(() => new Response(null, { status: 204 }));
  await closeServer(server);
  return url;
}

function jsonRequester(app: {
  request: (path: string, init: RequestInit) => Response | Promise<Response>;
}): Requester {
  return (path, init = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) {
      headers.set('content-type', 'application/json');
    }
    return Promise.resolve(
      app.request(path, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      }),
    );
  };
}

/**
 * An orders app on its own fresh database, calling a real users app served over HTTP from the
 * same process and database, with a settable clock and captured logs.
 */
export async function createOrdersHarness(): Promise<OrdersHarness> {
  const database = await createTestDatabase(inject('adminDatabaseUrl'));
  const clock = { now: new Date('2026-11-26T10:00:00.000Z') };
  const usersApp = createUsersApp({
    deps: {
      db: database.db,
      now: () => clock.now,
      tokens: {
        secret: new TextEncoder().encode('test-secret-test-secret-test-secret!'),
        issuer: 'trellis-users',
        ttlSeconds: 900,
      },
      passwordIterations: 1000,
    },
    logger: captureLogger('users').logger,
    version: 'test',
    instanceId: 'users-test',
    ping: database.ping,
  });
  const users = await listen(usersApp.fetch);
  const { logger, lines } = captureLogger('orders');

  const buildOrders = (client: ServiceClient<'users'>) =>
    createOrdersApp({
      deps: { db: database.db, now: () => clock.now, users: client },
      logger,
      version: 'test',
      instanceId: 'orders-test',
      ping: database.ping,
    });
  const app = buildOrders(createClient('users', { baseUrl: users.url, timeoutMs: 5000 }));
  const usersRequest = jsonRequester(usersApp);
  let userCount = 0;

  return {
    app,
    database,
    clock,
    logLines: lines,
    usersUrl: users.url,
    request: jsonRequester(app),
    async createUser(options = {}) {
      userCount++;
      const res = await usersRequest('/v1/users', {
        method: 'POST',
        json: { email: `buyer${userCount}@example.com`, name: `Buyer ${userCount}` },
      });
      const { id } = (await res.json()) as { id: string };
      if (options.suspended) {
        await usersRequest(`/v1/users/${id}/suspend`, { method: 'POST' });
      }
      return id;
    },
    withUsersAt(baseUrl) {
      return jsonRequester(buildOrders(createClient('users', { baseUrl, timeoutMs: 500 })));
    },
    async close() {
      await closeServer(users.server);
      await database.drop();
    },
  };
}
