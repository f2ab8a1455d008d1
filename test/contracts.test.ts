import { readFile } from 'node:fs/promises';
import { createRoute as createOpenApiRoute } from '@hono/zod-openapi';
import { Validator } from '@seriousme/openapi-schema-validator';
import {
  createLogger,
  createRoute,
  createService,
  jsonBody,
  jsonResponse,
  openApiDocumentOf,
  z,
} from '@trellis/kit';
import { describe, expect, it } from 'vitest';
import { contracts } from '../scripts/contract-list.ts';
import { generateTypes } from '../services/client/scripts/generate.ts';
import { serviceNames } from '../services/client/src/services.ts';
import type { DocumentedAccess } from './access.ts';
import {
  type OperationsDocument,
  openToEveryone,
  undocumentedProblems,
} from './problem-coverage.ts';

interface Operation {
  operationId?: string;
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: Record<string, string[]>[];
  'x-trellis-access'?: DocumentedAccess;
}

type Schema = {
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  description?: string;
  example?: unknown;
};

/** The members a problem schema adds to Problem (`allOf: [Problem, { properties }]`). */
function extensionMembers(schema: Schema | undefined): Record<string, Schema> {
  return Object.assign({}, ...(schema?.allOf ?? []).map((part) => part.properties ?? {}));
}

/** Services whose document is the merged one of what they route to the others. */
const edgeServices = new Set(['gateway']);

async function committed(service: string) {
  const text = await readFile(
    new URL(`../services/${service}/openapi.json`, import.meta.url),
    'utf8',
  );
  return JSON.parse(text) as {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema> };
  };
}

describe.each(Object.entries(contracts))('the %s contract', (service, build) => {
  it('is committed exactly as the code defines it (run `npm run contracts` after a change)', async () => {
    expect(await committed(service)).toEqual(JSON.parse(JSON.stringify(build())));
  });

  it('validates as OpenAPI 3.1 under an independent validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(await committed(service));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('names every operation <resource>.<verb> and documents its problem responses', async () => {
    const document = await committed(service);
    const ids = new Set<string>();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.operationId, where).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
        ids.add(operation.operationId ?? '');
      }
    }
    expect(ids.size).toBeGreaterThan(0);
    expect(undocumentedProblems(document)).toEqual([]);
  });

  it('declares who may call each operation, and the scheme it must then present', async () => {
    const document = await committed(service);
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (edgeServices.has(service)) {
          // What the edge routes is secured there by API key; each service declares the rest.
          expect(
            operation.security?.some((scheme) => 'apiKey' in scheme),
            where,
          ).toBe(true);
          continue;
        }
        const access = operation['x-trellis-access'];
        expect(access, `${where} declares its access`).toBeDefined();
        expect(Object.keys(access ?? {}).length, `${where} admits someone`).toBeGreaterThan(0);
        const bearer = { bearerAuth: [] };
        expect(operation.security, where).toEqual(access?.public ? [{}, bearer] : [bearer]);
      }
    }
  });

  it('documents the extension members of the kit problems that carry them', async () => {
    const document = await committed(service);
    const schemas = document.components.schemas;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const status of ['429', '503']) {
          const schema = operation.responses[status]?.content?.['application/problem+json'] as {
            schema: { $ref?: string };
          };
          const name = schema.schema.$ref?.split('/').pop() ?? '';
          const members = Object.keys(extensionMembers(schemas[name]));
          expect(members, `${where} ${status}`).toEqual(['resource', 'reason']);
        }
      }
    }
  });

  it('describes every field of every component and gives it an example', async () => {
    const document = await committed(service);
    const undocumented: string[] = [];
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      for (const [field, property] of Object.entries(schema.properties ?? {})) {
        const documented =
          (property.description || (property as { $ref?: string }).$ref) !== undefined;
        const hasExample =
          property.example !== undefined ||
          (property as { $ref?: string }).$ref !== undefined ||
          (property as { type?: string }).type === 'array';
        if (!documented || !hasExample) {
          undocumented.push(`${name}.${field}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});

describe.each(serviceNames)('the generated %s client types', (service) => {
  it('match the committed contract (run `npm run contracts` after a change)', async () => {
    const file = new URL(`../services/client/src/generated/${service}.ts`, import.meta.url);
    expect(await readFile(file, 'utf8')).toBe(await generateTypes(service));
  });
});

/** Extension members the services' domain errors put on problems, by the operation answering them. */
const domainExtensions: [
  service: string,
  operationId: string,
  status: string,
  members: string[],
][] = [
  ['users', 'users.suspend', '409', ['currentStatus']],
  ['users', 'users.update', '412', ['currentEtag']],
  ['orders', 'orders.pay', '409', ['currentStatus', 'paymentDeadline']],
  ['orders', 'orders.create', '422', ['maxItemsPerOrder']],
  ['meetings', 'meetings.create', '409', ['roomId']],
  [
    'meetings',
    'meetings.create',
    '422',
    ['maxMeetingMinutes', 'capacity', 'participants', 'missing', 'suspended'],
  ],
  ['meetings', 'meetings.cancel', '409', ['currentStatus']],
  ['config', 'config.publish', '409', ['grayRevision']],
  ['config', 'config.rejectChangeRequest', '409', ['currentStatus']],
];

describe('problem extension members', () => {
  it.each(domainExtensions)(
    'are in the %s contract for %s %s',
    async (service, id, status, members) => {
      const document = await committed(service);
      const operation = Object.values(document.paths)
        .flatMap((methods) => Object.values(methods))
        .find((candidate) => candidate.operationId === id);
      const content = operation?.responses[status]?.content?.['application/problem+json'] as {
        schema: Schema & { $ref?: string };
      };
      const referenced = content.schema.$ref?.split('/').pop();
      const schema = referenced ? document.components.schemas[referenced] : content.schema;
      expect(Object.keys(extensionMembers(schema))).toEqual(members);
    },
  );
});

describe('the problem coverage check', () => {
  const problem = { content: { 'application/problem+json': { schema: {} } } };
  const ok = { description: 'OK' };

  it('names each operation and status a document leaves out', () => {
    const documented = (statuses: string[]) =>
      Object.fromEntries(statuses.map((status) => [status, problem]));
    const open = { public: true } as const;
    const document = {
      paths: {
        '/v1/things': {
          get: {
            'x-trellis-access': open,
            responses: { 200: ok, ...documented(['400', '401', '500']) },
          },
          post: {
            'x-trellis-access': { role: 'operator' },
            requestBody: { content: { 'application/json': {} } },
            responses: { 201: ok, ...documented(['400', '401', '429', '500', '503']) },
          },
        },
        '/v1/things/{id}': {
          get: {
            'x-trellis-access': { public: true, owner: true },
            responses: { 200: ok, ...documented(['400', '429', '500', '503']) },
          },
        },
      },
    } satisfies OperationsDocument;
    expect(undocumentedProblems(document)).toEqual([
      'GET /v1/things 429',
      'GET /v1/things 503',
      'POST /v1/things 413',
      'POST /v1/things 415',
      'POST /v1/things 403',
      'GET /v1/things/{id} 401',
      'GET /v1/things/{id} 403',
    ]);
    expect(openToEveryone(open)).toBe(true);
    expect(openToEveryone(undefined)).toBe(false);
  });

  it('refuses a 429 documented as plain JSON rather than a problem', () => {
    const document = {
      paths: {
        '/v1/things': {
          get: {
            'x-trellis-access': { public: true as const },
            responses: {
              400: problem,
              401: problem,
              429: { content: { 'application/json': {} } },
              500: problem,
              503: problem,
            },
          },
        },
      },
    };
    expect(undocumentedProblems(document)).toEqual(['GET /v1/things 429']);
  });

  it('fails on a route built without the kit, and passes once the kit builds it', () => {
    const config = {
      method: 'post' as const,
      path: '/v1/things',
      operationId: 'things.create',
      request: { body: jsonBody(z.object({ name: z.string() })) },
      responses: { 201: jsonResponse(z.object({ id: z.string() }), 'Created.') },
    };
    const documentOf = (route: ReturnType<typeof createOpenApiRoute>) => {
      const app = createService({
        name: 'things',
        version: '1.0.0',
        instanceId: 'things-1',
        description: 'Things.',
        logger: createLogger({ service: 'things', instance: 'things-1', level: 'silent' }),
        deps: {},
      });
      app.openapi(route, (c) => c.json({ id: 'thg_1' }, 201));
      return openApiDocumentOf(app) as unknown as OperationsDocument;
    };
    expect(undocumentedProblems(documentOf(createOpenApiRoute(config)))).toEqual(
      ['400', '401', '429', '500', '503', '413', '415', '403'].map(
        (status) => `POST /v1/things ${status}`,
      ),
    );
    const byKit = documentOf(createRoute({ ...config, access: { role: 'operator' } }));
    expect(undocumentedProblems(byKit)).toEqual([]);
  });
});
