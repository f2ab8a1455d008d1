import { createClient, type ServiceClient } from '@trellis/client';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig, type StaticConfig, type z } from '@trellis/kit';
import { captureLogger, type JsonRequester, jsonRequester } from '@trellis/kit/testing';
import { serveTestUsers } from '@trellis/users/testing';
import { inject } from 'vitest';
import { createMeetingsApp } from '../src/app.ts';
import { type MeetingsConfig, meetingsConfig } from '../src/config.ts';

export interface MeetingsHarness {
  app: ReturnType<typeof createMeetingsApp>;
  database: TestDatabase;
  clock: { now: Date };
  /** The app's live config, held in memory; `config.set()` changes it between requests. */
  config: StaticConfig<MeetingsConfig, z.input<typeof meetingsConfig.schema>>;
  /** Base URL of the real users service the meetings app calls. */
  usersUrl: string;
  request: JsonRequester;
  /** Creates an active user through the users HTTP API and returns its id. */
  createUser(name: string): Promise<string>;
  suspendUser(id: string): Promise<void>;
  /** A meetings app on the same database whose users client points elsewhere. */
  appWithUsers(users: ServiceClient<'users'>): ReturnType<typeof createMeetingsApp>;
  close(): Promise<void>;
}

/**
 * A meetings app on its own fresh database with a settable clock, calling a real users app
 * served over HTTP on a free port against the same database.
 */
export async function createMeetingsHarness(): Promise<MeetingsHarness> {
  const database = await createTestDatabase(inject('adminDatabaseUrl'));
  const clock = { now: new Date('2026-11-26T10:00:00.000Z') };
  const users = await serveTestUsers({ database, clock });
  const config = createStaticConfig(meetingsConfig);

  const appWithUsers = (client: ServiceClient<'users'>) =>
    createMeetingsApp({
      deps: { db: database.db, now: () => clock.now, users: client, config },
      logger: captureLogger('meetings').logger,
      version: 'test',
      instanceId: 'meetings-test',
      ping: database.ping,
    });
  const app = appWithUsers(createClient('users', { baseUrl: users.url }));

  const callUsers = async (path: string, json?: unknown) => {
    const res = await fetch(`${users.url}${path}`, {
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
    config,
    usersUrl: users.url,
    request: jsonRequester(app),
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
      await users.close();
      await database.drop();
    },
  };
}
