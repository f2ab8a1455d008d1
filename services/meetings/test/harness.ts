import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createClient, type ServiceClient } from '@trellis/client';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { captureLogger } from '@trellis/kit/testing';
import { createUsersApp } from '@trellis/users';
import { inject } from 'vitest';
import { createMeetingsApp } from '../src/app.ts';

type Server = ReturnType<typeof serve>;

export interface MeetingsHarness {
  app: ReturnType<typeof createMeetingsApp>;
  database: TestDatabase;
  clock: { now: Date };
  /** Base URL of the real users service the meetings app calls. */
  usersUrl: string;
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Creates an active user through the users HTTP API and returns its id. */
  createUser(name: string): Promise<string>;
  suspendUser(id: string): Promise<void>;
  /** A meetings app on the same database whose users client points elsewhere. */
  appWithUsers(users: ServiceClient<'users'>): ReturnType<typeof createMeetingsApp>;
  close(): Promise<void>;
}

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Server> {
  return new Promise((resolve) => {
    const server: Server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}

export function sendRequest(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Response> {
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
}

/**
 * A meetings app on its own fresh database with a settable clock, calling a real users app
 * served over HTTP on a free port against the same database.
 */
export async function createMeetingsHarness(): Promise<MeetingsHarness> {
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
  const usersServer = await listen(usersApp.fetch);
  const usersUrl = `http://127.0.0.1:${(usersServer.address() as AddressInfo).port}`;

  const appWithUsers = (users: ServiceClient<'users'>) =>
    createMeetingsApp({
      deps: { db: database.db, now: () => clock.now, users },
      logger: captureLogger('meetings').logger,
      version: 'test',
      instanceId: 'meetings-test',
      ping: database.ping,
    });
  const app = appWithUsers(createClient('users', { baseUrl: usersUrl }));

  const callUsers = async (path: string, json?: unknown) => {
    const res = await fetch(`${usersUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    if (!res.ok) {
      throw new Error(`users answered ${res.status} to POST ${path}: ${await res.text()}`);
    }
    return (await res.json()) as { id: string };
  };

  let userCount = 0;
  return {
    app,
    database,
    clock,
    usersUrl,
    request: (path, init) => sendRequest(app, path, init),
    async createUser(name) {
      userCount++;
      const user = await callUsers('/v1/users', {
        email: `person${userCount}-${crypto.randomUUID().slice(0, 8)}@example.com`,
        name,
      });
      return user.id;
    },
    async suspendUser(id) {
      await callUsers(`/v1/users/${id}/suspend`);
    },
    appWithUsers,
    async close() {
      await close(usersServer);
      await database.drop();
    },
  };
}
