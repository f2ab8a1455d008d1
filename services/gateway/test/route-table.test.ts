import { describe, expect, it } from 'vitest';
import {
  buildRouteTable,
  isServicesOnly,
  mostSpecificFirst,
  routedPrefixes,
} from '../src/contract/route-table.ts';
import { readUpstreamDocuments } from '../src/contract/upstream-documents.ts';
import { contract, documents, operation } from './documents.ts';

const member = { role: 'member' } as const;

describe('the route table', () => {
  it('routes each operation to the service whose contract has it, with the scope it takes', () => {
    const routes = buildRouteTable(
      documents({
        users: contract({ '/v1/users/{id}': { get: operation('users.get', { owner: true }) } }),
        orders: contract({
          '/v1/orders': {
            get: operation('orders.list', member),
            post: operation('orders.create', member),
          },
        }),
      }),
    );
    expect(
      routes.map(({ service, method, template, honoPath, scope }) => ({
        service,
        method,
        template,
        honoPath,
        scope,
      })),
    ).toEqual([
      {
        service: 'users',
        method: 'GET',
        template: '/v1/users/{id}',
        honoPath: '/v1/users/:id',
        scope: 'users:read',
      },
      {
        service: 'orders',
        method: 'GET',
        template: '/v1/orders',
        honoPath: '/v1/orders',
        scope: 'orders:read',
      },
      {
        service: 'orders',
        method: 'POST',
        template: '/v1/orders',
        honoPath: '/v1/orders',
        scope: 'orders:write',
      },
    ]);
  });

  it('leaves out operations only services may call, and needs a user for all but public ones', () => {
    const routes = buildRouteTable(
      documents({
        users: contract({
          '/v1/users/lookup': { post: operation('users.lookup', { services: ['orders'] }) },
          '/v1/api-keys/verify': { post: operation('apiKeys.verify', { services: ['gateway'] }) },
          '/v1/users/{id}': {
            get: operation('users.get', { owner: true, role: 'operator', services: ['orders'] }),
          },
          '/v1/sessions': { post: operation('sessions.create', { public: true }) },
        }),
      }),
    );
    expect(routes.map((route) => [route.operationId, route.needsUser])).toEqual([
      ['users.get', true],
      ['sessions.create', false],
    ]);
  });

  it('never routes the registry, the config center or anything outside /v1', () => {
    const open = { public: true } as const;
    const routes = buildRouteTable(
      documents({
        users: contract({
          '/v1/registry/instances': { get: operation('registry.listInstances', open) },
          '/v1/config/namespaces': { get: operation('config.listNamespaces', open) },
          '/metrics': { get: operation('platform.metrics', open) },
          '/resilience': { get: operation('platform.resilience', open) },
          '/v1/registryish': { get: operation('things.list', open) },
        }),
      }),
    );
    expect(routes.map((route) => route.template)).toEqual(['/v1/registryish']);
  });

  it('refuses a path and method two services both claim', () => {
    const clash = { '/v1/things': { get: operation('things.list', member) } };
    expect(() =>
      buildRouteTable(documents({ users: contract(clash), meetings: contract(clash) })),
    ).toThrow('GET /v1/things is in both the users and the meetings contracts');
  });

  it('has a router try a literal segment before a parameter in the same place', () => {
    const routes = buildRouteTable(
      documents({
        orders: contract({
          '/v1/orders/{id}': { get: operation('orders.get', member) },
          '/v1/orders/stats': { get: operation('orders.stats', member) },
        }),
      }),
    );
    expect(mostSpecificFirst(routes).map((route) => route.template)).toEqual([
      '/v1/orders/stats',
      '/v1/orders/{id}',
    ]);
  });

  it('routes only the public paths of messaging: its operator surfaces stay inside', () => {
    const routes = buildRouteTable(
      documents({
        messaging: contract({
          '/v1/topics': { get: operation('topics.list', member) },
          '/v1/webhook-endpoints/{id}': { get: operation('webhookEndpoints.get', member) },
          '/v1/webhook-deliveries/{id}/replay': {
            post: operation('webhookDeliveries.replay', member),
          },
          '/v1/streams/me': { get: operation('streams.me', member) },
          '/v1/streams/everyone': { get: operation('streams.everyone', member) },
          '/v1/topics-archive': { get: operation('topicsArchive.list', member) },
          '/v1/dead-letters': { get: operation('deadLetters.list', { role: 'operator' }) },
          '/v1/subscriptions': { get: operation('subscriptions.list', { role: 'operator' }) },
          '/v1/trace': { get: operation('trace.get', { role: 'operator' }) },
        }),
      }),
    );
    expect(routes.map((route) => `${route.method} ${route.template} ${route.scope}`)).toEqual([
      'GET /v1/topics messaging:read',
      'GET /v1/webhook-endpoints/{id} messaging:read',
      'POST /v1/webhook-deliveries/{id}/replay messaging:write',
      'GET /v1/streams/me messaging:read',
    ]);
  });

  it('covers every outside operation of the committed contracts, within a service’s routed prefixes', () => {
    const committed = readUpstreamDocuments();
    const routed = new Set(buildRouteTable(committed).map((r) => `${r.method} ${r.template}`));
    expect(routed).toContain('GET /v1/topics');
    for (const [service, document] of Object.entries(committed)) {
      const prefixes = routedPrefixes[service as keyof typeof routedPrefixes];
      const allowed = (path: string) =>
        prefixes === undefined ||
        prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
      for (const [path, item] of Object.entries(document.paths)) {
        for (const [method, op] of Object.entries(item)) {
          const outside =
            path.startsWith('/v1/') && allowed(path) && !isServicesOnly(op['x-trellis-access']);
          expect(
            routed.has(`${method.toUpperCase()} ${path}`),
            `${service} ${method} ${path}`,
          ).toBe(outside);
        }
      }
    }
  });
});
