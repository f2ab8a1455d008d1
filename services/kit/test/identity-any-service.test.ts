import { beforeAll, describe, expect, it } from 'vitest';
import {
  createRoute,
  createRouter,
  createService,
  jsonResponse,
  type ServiceApp,
  z,
} from '../src/index.ts';
import { captureLogger, createTestIdentity, type TestIdentity } from '../src/testing.ts';

let identity: TestIdentity;
let app: ServiceApp<object>;

beforeAll(async () => {
  identity = await createTestIdentity();
  app = createService<object>({
    name: 'config',
    version: '1',
    instanceId: 'config-1',
    description: 'Any-service access.',
    logger: captureLogger('config').logger,
    deps: {},
    identity: identity.settings,
  });
  const router = createRouter();
  const route = createRoute({
    method: 'get',
    path: '/v1/platform',
    operationId: 'platform.read',
    access: { role: 'operator', anyService: true },
    responses: { 200: jsonResponse(z.object({ grant: z.string() }), 'Who got in.') },
  });
  router.openapi(route, (c) => c.json({ grant: c.get('grant')?.as ?? 'none' }, 200));
  app.route('/', router);
});

const call = async (headers: Record<string, string> = {}) => {
  const res = await app.request('/v1/platform', { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('access for any service of the platform', () => {
  it('lets in any service whose key the platform trusts, and operators', async () => {
    expect(await call(await identity.asService('orders', 'config'))).toEqual({
      status: 200,
      body: { grant: 'service' },
    });
    expect((await call(await identity.asService('shipping', 'config'))).status).toBe(200);
    const operator = await identity.asUser({ id: 'usr_o', roles: ['operator'] });
    expect(await call(operator)).toEqual({ status: 200, body: { grant: 'staff' } });
  });

  it('refuses members (403) and anonymous callers (401)', async () => {
    const member = await call(await identity.asUser({ id: 'usr_m' }));
    expect(member.status).toBe(403);
    expect(member.body.detail).toBe(
      'Only an operator or above, a service of the platform may do this.',
    );
    expect((await call()).status).toBe(401);
  });

  it('refuses a service token made for another audience', async () => {
    expect((await call(await identity.asService('orders', 'users'))).status).toBe(401);
  });
});
