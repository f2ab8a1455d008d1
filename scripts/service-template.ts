/** The names one service is written under: `feature-flags`, `featureFlags`, `FeatureFlags`. */
export interface ServiceNames {
  name: string;
  camel: string;
  pascal: string;
  port: number;
}

/** The files of a new service in the house shape, by path inside `services/<name>/`. */
export function serviceFiles(names: ServiceNames): Record<string, string> {
  return {
    'package.json': packageJson(names),
    'src/app.ts': appFile(names),
    'src/config.ts': configFile(names),
    'src/deps.ts': depsFile(names),
    'src/env.ts': envFile(names),
    'src/index.ts': indexFile(names),
    'src/main.deno.ts': entryFile(names, 'runOnDeno', '@trellis/kit/deno'),
    'src/main.ts': entryFile(names, 'runOnNode', '@trellis/kit/node'),
    'src/resilience.ts': resilienceFile(names),
    'src/service.ts': declarationFile(names),
    'src/routes/greetings/create.ts': createGreetingFile(names),
    'src/routes/greetings/index.ts': greetingsRouterFile(names),
    'src/routes/greetings/schema.ts': greetingSchemaFile(),
    'test/greetings.test.ts': greetingsTestFile(names),
  };
}

function packageJson({ name }: ServiceNames): string {
  const manifest = {
    name: `@trellis/${name}`,
    version: '0.1.0',
    private: true,
    type: 'module',
    exports: { '.': './src/index.ts' },
    dependencies: { '@trellis/db': '0.1.0', '@trellis/kit': '0.1.0' },
    scripts: { start: 'tsx src/main.ts' },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function appFile({ name, camel, pascal }: ServiceNames): string {
  return `import type { AppOptions } from '@trellis/kit';
import type { ${pascal}Deps } from './deps.ts';
import { ${camel}Service } from './service.ts';

export type ${pascal}AppOptions = AppOptions<${pascal}Deps>;

/** The ${name} service, runtime-agnostic: Node and Deno entries both serve this app. */
export const create${pascal}App = (options: ${pascal}AppOptions) => ${camel}Service.createApp(options);
`;
}

function configFile({ name, camel, pascal }: ServiceNames): string {
  return `import { defineConfig, logLevelSchema, resilienceConfig, z } from '@trellis/kit';
import { ${camel}ResilienceDefaults } from './resilience.ts';

/** The ${name} service's live config, edited in the config center and applied without a restart. */
export const ${camel}Config = defineConfig(
  z.object({
    logLevel: logLevelSchema
      .optional()
      .describe('Level of the service’s log lines; unset keeps the LOG_LEVEL it started with.'),
    resilience: resilienceConfig(${camel}ResilienceDefaults),
    greeting: z
      .string()
      .min(1)
      .max(40)
      .default('Hello')
      .describe('The word a greeting starts with.'),
  }),
);

export type ${pascal}Config = z.output<typeof ${camel}Config.schema>;
`;
}

function depsFile({ pascal }: ServiceNames): string {
  return `import type { BaseDeps } from '@trellis/kit';
import type { ${pascal}Config } from './config.ts';

/** What the routes are given: the database, the clock and the live config. */
export type ${pascal}Deps = BaseDeps<${pascal}Config>;
`;
}

function envFile({ camel, pascal, port }: ServiceNames): string {
  return `import { serviceEnvSchema, type z } from '@trellis/kit';

export const ${camel}EnvSchema = serviceEnvSchema(${port}, {});

export type ${pascal}Env = z.infer<typeof ${camel}EnvSchema>;
`;
}

function indexFile({ camel, pascal }: ServiceNames): string {
  return `export { create${pascal}App } from './app.ts';
export { type ${pascal}Config, ${camel}Config } from './config.ts';
export type { ${pascal}Deps } from './deps.ts';
export * from './routes/greetings/schema.ts';
`;
}

function entryFile({ camel }: ServiceNames, run: string, module: string): string {
  const comment =
    run === 'runOnDeno' ? '// Deno entry: the same app as main.ts, served by Deno.serve.\n' : '';
  return `${comment}import { ${run} } from '${module}';
import { ${camel}Service } from './service.ts';

await ${run}(${camel}Service);
`;
}

function resilienceFile({ name, camel }: ServiceNames): string {
  return `import type { ResilienceRulesInput } from '@trellis/kit';

/** The rules ${name} ships with; the config center's \`resilience\` key replaces them live. */
export const ${camel}ResilienceDefaults: ResilienceRulesInput = {
  flow: [{ resource: 'POST /v1/greetings', threshold: 500 }],
  system: { maxInFlight: 2000, maxEventLoopDelayMs: 1000 },
};
`;
}

function declarationFile({ name, camel, pascal }: ServiceNames): string {
  return `import { defineService } from '@trellis/kit';
import { ${camel}Config } from './config.ts';
import type { ${pascal}Deps } from './deps.ts';
import { ${camel}EnvSchema } from './env.ts';
import { createGreetingsRouter } from './routes/greetings/index.ts';

/** The ${name} service, declared; \`runOnNode(${camel}Service)\` and \`runOnDeno\` serve it. */
export const ${camel}Service = defineService({
  name: '${name}',
  description: 'The ${name} service.',
  envSchema: ${camel}EnvSchema,
  config: ${camel}Config,
  routes: [createGreetingsRouter],
  deps: ({ baseDeps }): ${pascal}Deps => baseDeps,
});
`;
}

function createGreetingFile({ pascal }: ServiceNames): string {
  return `import { createRoute, errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { ${pascal}Deps } from '../../deps.ts';
import { CreateGreetingSchema, GreetingSchema } from './schema.ts';

export const createGreetingRoute = createRoute({
  method: 'post',
  path: '/v1/greetings',
  operationId: 'greetings.create',
  tags: ['greetings'],
  summary: 'Greet someone',
  // Who may call it, checked before the body is read: here anyone signed in. See
  // docs/identity.md for public routes, roles, owners and named services.
  access: { role: 'member' },
  request: { body: jsonBody(CreateGreetingSchema) },
  responses: {
    201: jsonResponse(GreetingSchema, 'The greeting, in the configured words.'),
    ...errorResponses(),
  },
});

export function registerCreateGreeting(app: ServiceApp<${pascal}Deps>) {
  app.openapi(createGreetingRoute, (c) => {
    const { config, now } = c.get('deps');
    const { name } = c.req.valid('json');
    const greeting = { message: \`\${config.get().greeting}, \${name}!\`, greetedAt: now().toISOString() };
    return c.json(greeting, 201);
  });
}
`;
}

function greetingsRouterFile({ pascal }: ServiceNames): string {
  return `import { createRouter } from '@trellis/kit';
import type { ${pascal}Deps } from '../../deps.ts';
import { registerCreateGreeting } from './create.ts';

export function createGreetingsRouter() {
  const router = createRouter<${pascal}Deps>();
  registerCreateGreeting(router);
  return router;
}
`;
}

function greetingSchemaFile(): string {
  return `import { z } from '@trellis/kit';

export const CreateGreetingSchema = z
  .object({
    name: z.string().min(1).max(100).openapi({ description: 'Who to greet.', example: 'Ada' }),
  })
  .strict()
  .openapi('CreateGreeting');

export const GreetingSchema = z
  .object({
    message: z.string().openapi({ description: 'The greeting.', example: 'Hello, Ada!' }),
    greetedAt: z.iso.datetime().openapi({
      description: 'When the greeting was made, in UTC.',
      example: '2026-11-26T10:00:00.000Z',
    }),
  })
  .openapi('Greeting');

export type Greeting = z.infer<typeof GreetingSchema>;
`;
}

function greetingsTestFile({ name, camel, pascal }: ServiceNames): string {
  return `import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig, ProblemSchema } from '@trellis/kit';
import {
  captureLogger,
  createTestIdentity,
  type JsonRequester,
  jsonRequester,
} from '@trellis/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { create${pascal}App } from '../src/app.ts';
import { ${camel}Config } from '../src/config.ts';
import { GreetingSchema } from '../src/routes/greetings/schema.ts';

const clock = { now: new Date('2026-11-26T10:00:00.000Z') };
const config = createStaticConfig(${camel}Config);
let database: TestDatabase;
/** Requests as Ada, a signed-in member. */
let request: JsonRequester;
/** Requests with no credentials at all. */
let anonymous: JsonRequester;

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  // Real keys, as users' JWKS and the services' trust set would give them.
  const identity = await createTestIdentity();
  const app = create${pascal}App({
    deps: { db: database.db, now: () => clock.now, config },
    logger: captureLogger('${name}').logger,
    version: 'test',
    instanceId: '${name}-test',
    ping: database.ping,
    identity: identity.settings,
  });
  request = jsonRequester(app, () => identity.asUser({ id: 'usr_ada', roles: ['member'] }));
  anonymous = jsonRequester(app);
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

  it('refuses a caller who is not signed in with a 401 problem, before reading the body', async () => {
    const res = await anonymous('/v1/greetings', { method: 'POST', json: {} });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('is ready once its database answers', async () => {
    const res = await anonymous('/readyz', {});
    expect(res.status).toBe(200);
  });
});
`;
}
