import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig, ProblemSchema } from '@trellis/kit';
import { captureLogger, jsonRequester } from '@trellis/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createGatewayApp } from '../src/app.ts';
import { gatewayConfig } from '../src/config.ts';
import { GreetingSchema } from '../src/routes/greetings/schema.ts';

const clock = { now: new Date('2026-11-26T10:00:00.000Z') };
const config = createStaticConfig(gatewayConfig);
let database: TestDatabase;
let request: ReturnType<typeof jsonRequester>;

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  const app = createGatewayApp({
    deps: { db: database.db, now: () => clock.now, config },
    logger: captureLogger('gateway').logger,
    version: 'test',
    instanceId: 'gateway-test',
    ping: database.ping,
  });
  request = jsonRequester(app);
});

afterAll(async () => {
  await database.drop();
});

describe('POST /v1/greetings', () => {
  it('greets by name with the configured word and the time of the clock', async () => {
    const res = await request('/v1/greetings', { method: 'POST', json: { name: 'Ada' } });
    expect(res.status).toBe(201);
    expect(GreetingSchema.parse(await res.json())).toEqual({
      message: 'Hello, Ada!',
      greetedAt: '2026-11-26T10:00:00.000Z',
    });
  });

  it('uses a changed greeting from the next request on', async () => {
    config.set({ greeting: 'Welcome' });
    const res = await request('/v1/greetings', { method: 'POST', json: { name: 'Ada' } });
    expect(await res.json()).toMatchObject({ message: 'Welcome, Ada!' });
  });

  it('refuses a missing name with a 400 problem naming it', async () => {
    const res = await request('/v1/greetings', { method: 'POST', json: {} });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = ProblemSchema.parse(await res.json());
    expect(problem.errors.map((error) => error.path)).toEqual(['name']);
  });

  it('is ready once its database answers', async () => {
    const res = await request('/readyz', {});
    expect(res.status).toBe(200);
  });
});
