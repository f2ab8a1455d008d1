import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type BaseDeps,
  type ClientWiring,
  createRoute,
  createRouter,
  type DiscoveryOptions,
  defineConfig,
  defineService,
  jsonResponse,
  parseEnv,
  resilienceConfig,
  serviceEnvSchema,
  upstreamEnvShape,
  z,
} from '../src/index.ts';
import { startService } from '../src/start-service.ts';

const greetingConfig = defineConfig(
  z.object({
    resilience: resilienceConfig({ clients: { users: { retries: 1 } } }),
    word: z.string().default('Hello'),
  }),
);
type GreetingDeps = BaseDeps<z.output<typeof greetingConfig.schema>> & {
  users: ClientWiring<DiscoveryOptions>;
};

function createGreetingRouter() {
  const router = createRouter<GreetingDeps>();
  const route = createRoute({
    method: 'get',
    path: '/v1/greetings',
    operationId: 'greetings.get',
    access: { public: true },
    responses: { 200: jsonResponse(z.object({ message: z.string() }), 'The greeting.') },
  });
  router.openapi(route, (c) => c.json({ message: `${c.get('deps').config.get().word}!` }, 200));
  return router;
}

const events: string[] = [];
const seen: { discovery?: DiscoveryOptions; users?: ClientWiring<DiscoveryOptions> } = {};
// The discovery factory and the client factory keep what they are given, so the test sees
// what the kit wires from the declaration and the environment.
const greetingService = defineService({
  name: 'greeting',
  description: 'Says hello.',
  envSchema: serviceEnvSchema(4999, upstreamEnvShape('users', 'http://127.0.0.1:4101')),
  config: greetingConfig,
  routes: [createGreetingRouter],
  discovery: (options: DiscoveryOptions) => {
    seen.discovery = options;
    return options;
  },
  clients: {
    users: (wiring) => {
      seen.users = wiring;
      return wiring;
    },
  },
  deps: ({ baseDeps, runInBackground }): GreetingDeps => {
    runInBackground({
      start: () => {
        events.push('own task started');
      },
      stop: async () => {},
    });
    return baseDeps;
  },
});

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
});

afterAll(async () => {
  await database.drop();
});

describe('a declared service', () => {
  it('is wired from its declaration: clients from <NAME>_URL and <NAME>_TIMEOUT_MS under its engine, routes, readiness and its own background work first', async () => {
    const env = parseEnv(greetingService.envSchema, {
      DATABASE_URL: database.url,
      USERS_URL: 'http://10.0.0.7:4101',
      USERS_TIMEOUT_MS: '750',
      LOG_LEVEL: 'silent',
      CONFIG_SNAPSHOT_DIR: '',
    });
    const started = await startService(greetingService, env);
    try {
      expect(seen.discovery?.fallback).toEqual({ users: 'http://10.0.0.7:4101' });
      expect(seen.discovery?.registryUrl).toBeUndefined();
      expect(seen.users).toMatchObject({ timeoutMs: 750, caller: 'greeting' });
      expect(seen.users?.discovery).toBe(seen.discovery);
      expect(seen.users?.policy()).toMatchObject({ retries: 1 });

      const res = await started.app.fetch(new Request('http://localhost/v1/greetings'));
      expect(await res.json()).toEqual({ message: 'Hello!' });
      const ready = await started.app.fetch(new Request('http://localhost/readyz'));
      expect(ready.status).toBe(200);
      expect(Object.keys(greetingService.contract().paths ?? {})).toEqual(['/v1/greetings']);

      // Its own background work first, then the platform's (registration, config, rules).
      expect(started.backgroundTasks.length).toBeGreaterThan(1);
      await started.backgroundTasks[0]?.start?.();
      expect(events).toEqual(['own task started']);
    } finally {
      for (const task of started.backgroundTasks) {
        await task.stop();
      }
      await started.database.close();
    }
  });
});
