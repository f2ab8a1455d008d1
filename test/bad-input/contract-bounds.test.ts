import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/**
 * Every number and instant a request can carry is bounded in the contract, so a value past
 * what its column holds is a 400 and never a failed query. Use the kit's `boundedInt`,
 * `boundedIntParam` and `utcDateTime`.
 */

type Schema = Record<string, unknown>;
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const servicesDir = new URL('../../services/', import.meta.url);

async function committedContracts(): Promise<[string, Document][]> {
  const found: [string, Document][] = [];
  for (const entry of await readdir(servicesDir, { withFileTypes: true })) {
    const file = new URL(`${entry.name}/openapi.json`, servicesDir);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (entry.isDirectory() && text !== undefined) {
      found.push([entry.name, JSON.parse(text) as Document]);
    }
  }
  return found;
}

const nested = ['items', 'additionalProperties', 'not'];
const lists = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];

function typesOf(schema: Schema): unknown[] {
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** What is unbounded in `schema` and everything it reaches, each named by where it is. */
function unbounded(
  document: Document,
  schema: Schema,
  where: string,
  seen = new Set<string>(),
): string[] {
  const problems: string[] = [];
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    if (seen.has(ref)) {
      return problems;
    }
    seen.add(ref);
    const target = document.components?.schemas?.[ref.replace('#/components/schemas/', '')];
    return target ? unbounded(document, target, where, seen) : [`${where}: unresolved ${ref}`];
  }
  const types = typesOf(schema);
  if (types.includes('integer') || types.includes('number')) {
    const hasMin = schema.minimum !== undefined || schema.exclusiveMinimum !== undefined;
    const hasMax = schema.maximum !== undefined || schema.exclusiveMaximum !== undefined;
    if (!hasMin || !hasMax) {
      problems.push(`${where}: a number without a ${hasMin ? 'maximum' : 'minimum'}`);
    }
  }
  if (schema.format === 'date-time' && (!schema.formatMinimum || !schema.formatMaximum)) {
    problems.push(`${where}: a date-time without formatMinimum and formatMaximum`);
  }
  for (const [name, property] of Object.entries(
    (schema.properties ?? {}) as Record<string, Schema>,
  )) {
    problems.push(...unbounded(document, property, `${where}.${name}`, seen));
  }
  for (const key of nested) {
    const inner = schema[key];
    if (inner && typeof inner === 'object') {
      problems.push(...unbounded(document, inner as Schema, `${where}[${key}]`, seen));
    }
  }
  for (const key of lists) {
    for (const [index, inner] of ((schema[key] ?? []) as Schema[]).entries()) {
      problems.push(...unbounded(document, inner, `${where}[${key}${index}]`, seen));
    }
  }
  return problems;
}

function unboundedInputs(document: Document): string[] {
  const problems: string[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const name = operation.operationId ?? `${method.toUpperCase()} ${path}`;
      for (const parameter of operation.parameters ?? []) {
        const where = `${name} ${parameter.in} ${parameter.name}`;
        problems.push(...unbounded(document, parameter.schema ?? {}, where));
      }
      for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) {
        problems.push(...unbounded(document, content.schema ?? {}, `${name} body (${type})`));
      }
    }
  }
  return problems;
}

describe('every committed contract', async () => {
  const contracts = await committedContracts();

  it('covers every service', () => {
    expect(contracts.map(([service]) => service)).toEqual(
      expect.arrayContaining(['users', 'orders', 'meetings', 'config']),
    );
  });

  it.each(contracts)('bounds every integer and date-time a %s request carries', (_, document) => {
    expect(unboundedInputs(document)).toEqual([]);
  });

  it('would name an unbounded integer or date-time', () => {
    const document: Document = {
      paths: {
        '/v1/things': {
          get: {
            operationId: 'things.list',
            parameters: [{ name: 'after', in: 'query', schema: { type: 'integer', minimum: 0 } }],
            requestBody: {
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/NewThing' } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          NewThing: {
            type: 'object',
            properties: { at: { type: 'string', format: 'date-time' } },
          },
        },
      },
    };
    expect(unboundedInputs(document)).toEqual([
      'things.list query after: a number without a maximum',
      'things.list body (application/json).at: a date-time without formatMinimum and formatMaximum',
    ]);
  });
});
