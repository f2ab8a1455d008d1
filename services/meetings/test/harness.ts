import { type ClientOptions, createClient } from '@trellis/client';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig, type StaticConfig, type z } from '@trellis/kit';
import {
  captureLogger,
  createTestIdentity,
  type JsonRequester,
  jsonRequester,
  type TestIdentity,
  type TestUser,
} from '@trellis/kit/testing';
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
  /** The keys both apps trust: user tokens and each service's own. */
  identity: TestIdentity;
  /** Base URL of the real users service the meetings app calls. */
  usersUrl: string;
  /** Requests as an operator, who manages every room and meeting; a request's own `authorization` wins. */
  request: JsonRequester;
  /** Requests as `user`: `h.as({ id, roles: ['member'] })`. */
  as(user: TestUser): JsonRequester;
  /** Requests with no credentials at all. */
  anonymous: JsonRequester;
  /** Creates an active user through the users HTTP API and returns its id. */
  createUser(name: string): Promise<string>;
  suspendUser(id: string): Promise<void>;
  /**
   * Requests as the operator to a meetings app on the same database whose users client is
   * made with `options`, and meetings' own token.
   */
  withUsers(options: ClientOptions): JsonRequester;
  close(): Promise<void>;
}

/** A user id no account has: for staff, whose own account the services never look up. */
export function staffId(): string {
  return `usr_${crypto.randomUUID().replaceAll('-', '')}`;
}

/**
 * A meetings app on its own fresh database with a settable clock, calling a real users app
 * served over HTTP on a free port against the same database, with meetings' own service token.
 * Both apps verify credentials against one test identity.
 */
export async function createMeetingsHarness(): Promise<MeetingsHarness> {
  const database = await createTestDatabase(inject('adminDatabaseUrl'));
  const clock = { now: new Date('2026-11-26T10:00:00.000Z') };
  const identity = await createTestIdentity();
  const users = await serveTestUsers({ database, clock, identity: identity.settings });
  const config = createStaticConfig(meetingsConfig);
  const operator: TestUser = { id: staffId(), roles: ['operator'] };
  const asOperator = () => identity.asUser(operator);

  const appWithUsers = (options: ClientOptions) =>
    createMeetingsApp({
      deps: {
        db: database.db,
        now: () => clock.now,
        users: createClient('users', {
          token: () => identity.serviceToken('meetings', 'users'),
          ...options,
        }),
        config,
      },
      logger: captureLogger('meetings').logger,
      version: 'test',
      instanceId: 'meetings-test',
      ping: database.ping,
      identity: identity.settings,
    });
  const app = appWithUsers({ baseUrl: users.url });

  const admin: TestUser = { id: staffId(), roles: ['admin'] };
  const callUsers = async (path: string, json?: unknown) => {
    const res = await fetch(`${users.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await identity.asUser(admin)) },
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
    identity,
    usersUrl: users.url,
    request: jsonRequester(app, asOperator),
    as: (user) => jsonRequester(app, () => identity.asUser(user)),
    anonymous: jsonRequester(app),
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
    withUsers: (options) => jsonRequester(appWithUsers(options), asOperator),
    async close() {
      await users.close();
      await database.drop();
    },
  };
}
