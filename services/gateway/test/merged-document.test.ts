import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { mergeDocuments } from '../src/contract/merged-document.ts';
import { buildRouteTable } from '../src/contract/route-table.ts';
import type { OpenApiDocument, UpstreamDocuments } from '../src/contract/upstream-documents.ts';
import { gatewayService } from '../src/service.ts';
import { contract, documents, operation } from './documents.ts';

function merge(parts: UpstreamDocuments): OpenApiDocument {
  return mergeDocuments(parts, buildRouteTable(parts), { version: '1.0.0' });
}

const served = gatewayService.contract() as unknown as OpenApiDocument;

function operations(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
  );
}

/** Every `$ref` in `value`. */
function refs(value: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(value, (key, item: unknown) => {
    if (key === '$ref' && typeof item === 'string') {
      found.push(item);
    }
    return item;
  });
  return found;
}

describe('the merged document', () => {
  it('is valid OpenAPI 3.1 under an independent validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(served as never);
    expect(result.errors ?? []).toEqual([]);
    expect(validator.version).toBe('3.1');
  });

  it('declares the bearer and API key schemes and secures every operation with a key', () => {
    expect(served.components?.securitySchemes).toEqual({
      apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }),
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    });
    const ops = operations(served);
    expect(ops.length).toBeGreaterThan(20);
    for (const { where, op } of ops) {
      const requirement = op.security?.[0] ?? {};
      expect(op.security, where).toHaveLength(1);
      expect(requirement.apiKey, where).toEqual([
        `${op['x-trellis-service']}:${where.startsWith('GET') ? 'read' : 'write'}`,
      ]);
      const access = op['x-trellis-access'];
      expect('bearerAuth' in requirement, where).toBe(access !== undefined && !access.public);
      expect(Object.keys(op.responses ?? {}), where).toEqual(
        expect.arrayContaining(['401', '403']),
      );
    }
  });

  it('resolves every reference to a component it holds', () => {
    const schemas = served.components?.schemas ?? {};
    for (const ref of refs(served)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(schemas[name], ref).toBeDefined();
    }
  });

  it('keeps a component the services define alike once, and renames one they define differently', () => {
    const userThing = { type: 'object', properties: { email: { type: 'string' } } };
    const orderThing = { type: 'object', properties: { total: { type: 'integer' } } };
    const wrapper = {
      type: 'object',
      properties: { thing: { $ref: '#/components/schemas/Thing' } },
    };
    const document = merge(
      documents({
        users: contract(
          { '/v1/users': { get: operation('users.list', { role: 'member' }, 'Thing') } },
          { Thing: userThing, Page: wrapper },
        ),
        orders: contract(
          {
            '/v1/orders': { get: operation('orders.list', { role: 'member' }, 'Thing') },
            '/v1/orders/page': { get: operation('orders.page', { role: 'member' }, 'Page') },
          },
          { Thing: orderThing, Page: wrapper },
        ),
      }),
    );
    const schemas = document.components?.schemas ?? {};
    expect(Object.keys(schemas).sort()).toEqual(['OrdersPage', 'OrdersThing', 'Problem', 'Thing']);
    expect(schemas.Thing).toEqual(userThing);
    expect(schemas.OrdersThing).toEqual(orderThing);
    // Page refers to Thing, which means another schema in orders: it is renamed with it.
    expect(schemas.OrdersPage).toEqual({
      type: 'object',
      properties: { thing: { $ref: '#/components/schemas/OrdersThing' } },
    });
    expect(refs(document.paths['/v1/orders'])).toContain('#/components/schemas/OrdersThing');
    expect(refs(document.paths['/v1/users'])).toContain('#/components/schemas/Thing');
  });

  it('leaves out operations it does not route and components nothing it routes uses', () => {
    const document = merge(
      documents({
        users: contract(
          {
            '/v1/users/lookup': {
              post: operation('users.lookup', { services: ['orders'] }, 'LookupResult'),
            },
            '/v1/users': { get: operation('users.list', { role: 'member' }) },
          },
          { LookupResult: { type: 'object' } },
        ),
      }),
    );
    expect(Object.keys(document.paths)).toEqual(['/v1/users']);
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(['Problem']);
  });
});
