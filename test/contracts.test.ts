import { readFile } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { contracts } from '../scripts/contract-list.ts';
import { generateTypes } from '../services/client/scripts/generate.ts';
import { serviceNames } from '../services/client/src/services.ts';

interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

type Schema = { properties?: Record<string, Schema>; description?: string; example?: unknown };

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
        for (const status of ['400', '500']) {
          expect(operation.responses[status]?.content, `${where} ${status}`).toHaveProperty([
            'application/problem+json',
          ]);
        }
      }
    }
    expect(ids.size).toBeGreaterThan(0);
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
