import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertAccessDeclared,
  assertOwns,
  callerOf,
  clientAddress,
  createRoute,
  createRouter,
  createService,
  jsonResponse,
  jwksKeyResolver,
  ownerFilter,
  type ServiceApp,
  userTokenVerifier,
  z,
} from '../src/index.ts';
import { captureLogger, createTestIdentity, type TestIdentity } from '../src/testing.ts';

const Answer = z.object({
  grant: z.string(),
  caller: z.string(),
  owner: z.string().nullable(),
  address: z.string().nullable(),
});

function route(path: string, access: Parameters<typeof createRoute>[0]['access']) {
  return createRoute({
    method: 'get',
    path,
    operationId: `things.${path.split('/')[2]}`,
    access,
    request: { params: z.object({ owner: z.string() }) },
    responses: { 200: jsonResponse(Answer, 'Who got in.') },
  });
}

let identity: TestIdentity;
let app: ServiceApp<object>;

beforeAll(async () => {
  identity = await createTestIdentity();
  const { logger } = captureLogger('things');
  app = createService<object>({
    name: 'things',
    version: '1',
    instanceId: 'things-1',
    description: 'Identity tests.',
    logger,
    deps: {},
    identity: identity.settings,
  });
  const router = createRouter();
  const routes = {
    open: route('/v1/open/{owner}', { public: true }),
    staff: route('/v1/staff/{owner}', { role: 'operator' }),
    mine: route('/v1/mine/{owner}', { owner: true, role: 'admin', services: ['orders'] }),
  };
  for (const declared of Object.values(routes)) {
    router.openapi(declared, (c) => {
      assertOwns(c, c.req.valid('param').owner);
      return c.json(
        {
          grant: c.get('grant')?.as ?? 'none',
          caller: callerOf(c),
          owner: ownerFilter(c) ?? null,
          address: clientAddress(c) ?? null,
        },
        200,
      );
    });
  }
  app.route('/', router);
});

const call = (path: string, headers: Record<string, string> = {}) =>
  Promise.resolve(app.request(path, { headers }));

describe('access on every route', () => {
  it('refuses to build a service with a route that declares no access', () => {
    const router = createRouter();
    router.openapi(
      { method: 'get', path: '/v1/undeclared', responses: { 204: { description: 'x' } } } as never,
      (c) => c.body(null, 204) as never,
    );
    expect(() => assertAccessDeclared(router)).toThrow(/GET \/v1\/undeclared/);
  });

  it('documents the access, the security and the 401/403 of each operation', () => {
    const document = app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
    });
    const staff = document.paths?.['/v1/staff/{owner}']?.get as Record<string, unknown>;
    expect(staff['x-trellis-access']).toEqual({ role: 'operator' });
    expect(staff.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(staff.responses as object)).toEqual(expect.arrayContaining(['401', '403']));
    const open = document.paths?.['/v1/open/{owner}']?.get as Record<string, unknown>;
    expect(open.security).toEqual([{}, { bearerAuth: [] }]);
  });

  it('answers anonymous 401, a member 403 and an operator 200 on an operator route', async () => {
    expect((await call('/v1/staff/x')).status).toBe(401);
    const member = await call('/v1/staff/x', await identity.asUser({ id: 'usr_a' }));
    expect(member.status).toBe(403);
    expect((await member.json()).detail).toBe('Only an operator or above may do this.');
    const operator = await identity.asUser({ id: 'usr_o', roles: ['operator'] });
    expect(await (await call('/v1/staff/x', operator)).json()).toMatchObject({ grant: 'staff' });
  });

  it('lets an owner act on their own only, a listed service on anyone', async () => {
    const owner = await identity.asUser({ id: 'usr_a' });
    expect(await (await call('/v1/mine/usr_a', owner)).json()).toMatchObject({
      grant: 'owner',
      owner: 'usr_a',
    });
    expect((await call('/v1/mine/usr_b', owner)).status).toBe(403);
    const orders = await identity.asService('orders', 'things', { id: 'usr_a' });
    expect(await (await call('/v1/mine/usr_b', orders)).json()).toMatchObject({
      grant: 'service',
      caller: 'orders',
      owner: null,
    });
  });

  it('judges an unlisted service acting for a user as that user', async () => {
    const meetings = await identity.asService('meetings', 'things', { id: 'usr_a' });
    expect((await call('/v1/mine/usr_a', meetings)).status).toBe(200);
    expect((await call('/v1/mine/usr_b', meetings)).status).toBe(403);
    const alone = await identity.asService('meetings', 'things');
    expect((await call('/v1/mine/usr_a', alone)).status).toBe(403);
  });
});

describe('tokens that must not get in', () => {
  const expectInvalid = async (token: string) => {
    const response = await call('/v1/open/x', { authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  };

  it('refuses alg none, a foreign key, a wrong kid, audience or issuer, and an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { roles: ['admin'], sub: 'usr_x', iss: 'trellis-users', aud: 'trellis' };
    await expectInvalid(new UnsecuredJWT(claims).setExpirationTime(now + 60).encode());
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const kid = String(identity.publicJwk.kid);
    const sign = (header: object, payload: object) =>
      new SignJWT({ ...claims, ...payload })
        .setProtectedHeader({ alg: 'EdDSA', kid, ...header })
        .setExpirationTime(now + 60)
        .sign(privateKey);
    await expectInvalid(await sign({}, {}));
    await expectInvalid(await sign({ kid: 'no-such-kid' }, {}));
    await expectInvalid(
      await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid })
        .setExpirationTime(now + 60)
        .sign(new TextEncoder().encode('x'.repeat(32))),
    );
    const genuine = await identity.userToken({ id: 'usr_x' });
    await expectInvalid(`${genuine.slice(0, -4)}AAAA`);
    await expectInvalid(await identity.userToken({ id: 'usr_x', ttlSeconds: -10 }));
    // A service token for another audience, and one claiming to be a service it is not.
    await expectInvalid(await identity.serviceToken('orders', 'users'));
    const forged = await new SignJWT({})
      .setProtectedHeader({
        alg: 'EdDSA',
        kid: (await identity.serviceKey('orders')).publicJwk.kid,
      })
      .setSubject('service:users')
      .setIssuer('service:users')
      .setAudience('things')
      .setExpirationTime(now + 60)
      .sign(privateKey);
    await expectInvalid(forged);
  });

  it('refuses a service token passed off as a forwarded user token', async () => {
    const headers = await identity.asService('meetings', 'things');
    headers['x-trellis-user-token'] = await identity.serviceToken('orders', 'things');
    expect((await call('/v1/open/x', headers)).status).toBe(401);
  });
});

describe('callers named by their credentials, never by a header', () => {
  it('ignores x-trellis-caller and an API key header from anyone but the gateway', async () => {
    const spoofed = await call('/v1/open/x', {
      'x-trellis-caller': 'meetings',
      'x-api-key': 'k.s',
    });
    expect(await spoofed.json()).toMatchObject({ caller: 'anonymous' });
    const orders = await identity.asService('orders', 'things');
    const fromOrders = await call('/v1/open/x', { ...orders, 'x-trellis-api-key': 'key_1 a:read' });
    expect(await fromOrders.json()).toMatchObject({ caller: 'orders' });
    const gateway = await identity.asService('gateway', 'things');
    const fromGateway = await call('/v1/open/x', {
      ...gateway,
      'x-trellis-api-key': 'key_1 a:read',
    });
    expect(await fromGateway.json()).toMatchObject({ caller: 'key:key_1' });
  });

  it("believes the client address only from the gateway's x-forwarded-for", async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.9' };
    const anonymous = await call('/v1/open/x', forwarded);
    expect(await anonymous.json()).toMatchObject({ address: null });
    const orders = await identity.asService('orders', 'things');
    expect(await (await call('/v1/open/x', { ...orders, ...forwarded })).json()).toMatchObject({
      address: null,
    });
    const gateway = await identity.asService('gateway', 'things');
    expect(await (await call('/v1/open/x', { ...gateway, ...forwarded })).json()).toMatchObject({
      address: '203.0.113.9',
    });
  });

  it('opens /metrics and /resilience to the metrics token and services only', async () => {
    expect((await call('/metrics')).status).toBe(401);
    expect(
      (await call('/metrics', await identity.asUser({ id: 'u', roles: ['admin'] }))).status,
    ).toBe(403);
    const metrics = { authorization: `Bearer ${identity.metricsToken}` };
    expect((await call('/metrics', metrics)).status).toBe(200);
    expect((await call('/resilience', await identity.asService('orders', 'things'))).status).toBe(
      200,
    );
    expect((await call('/healthz', { authorization: 'Bearer junk' })).status).toBe(200);
  });
});

describe('users JWKS', () => {
  it('refetches on an unknown kid, so a rotation fails no request', async () => {
    const makeKey = async (kid: string) => {
      const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      return { ...pair, jwk: { ...(await exportJWK(pair.publicKey)), kid } };
    };
    const first = await makeKey('k1');
    const second = await makeKey('k2');
    let published = [first.jwk];
    let fetches = 0;
    let clock = 0;
    const verify = userTokenVerifier(
      jwksKeyResolver({
        fetchJwks: async () => {
          fetches++;
          return { keys: published };
        },
        now: () => clock,
      }),
    );
    const sign = (key: CryptoKey, kid: string) =>
      new SignJWT({ roles: ['member'] })
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setSubject('usr_1')
        .setIssuer('trellis-users')
        .setAudience('trellis')
        .setExpirationTime('5m')
        .sign(key);
    expect((await verify(await sign(first.privateKey, 'k1'))).id).toBe('usr_1');
    published = [first.jwk, second.jwk];
    clock += 1000;
    expect((await verify(await sign(second.privateKey, 'k2'))).id).toBe('usr_1');
    expect((await verify(await sign(first.privateKey, 'k1'))).id).toBe('usr_1');
    expect(fetches).toBe(2);
    // Unknown kids inside the second after a fetch share one fetch at its end: forged ones fail
    // after it, and a key rotated in just after the last fetch is found by it.
    const third = await makeKey('k5');
    published = [first.jwk, second.jwk, third.jwk];
    const [forged, otherForged, rotated] = await Promise.allSettled([
      verify(await sign(second.privateKey, 'k3')),
      verify(await sign(second.privateKey, 'k4')),
      verify(await sign(third.privateKey, 'k5')),
    ]);
    expect(forged.status).toBe('rejected');
    expect(otherForged.status).toBe('rejected');
    expect(rotated).toMatchObject({ status: 'fulfilled', value: { id: 'usr_1' } });
    expect(fetches).toBe(3);
  });
});

describe('verified-token cache', () => {
  async function countingApp(verifiedTokenCacheSize?: number) {
    let checks = 0;
    let clock = Date.now();
    const verifyUser = identity.settings.verifyUser;
    if (!verifyUser) {
      throw new Error('the test identity verifies user tokens');
    }
    const counted = createService<object>({
      name: 'things',
      version: '1',
      instanceId: 'things-2',
      description: 'Cache tests.',
      logger: captureLogger('things').logger,
      deps: {},
      identity: {
        ...identity.settings,
        verifyUser: (token) => {
          checks++;
          return verifyUser(token);
        },
        now: () => clock,
        ...(verifiedTokenCacheSize === undefined ? {} : { verifiedTokenCacheSize }),
      },
    });
    const router = createRouter();
    router.openapi(route('/v1/staff/{owner}', { role: 'operator' }), (c) =>
      c.json(
        { grant: c.get('grant')?.as ?? 'none', caller: callerOf(c), owner: null, address: null },
        200,
      ),
    );
    counted.route('/', router);
    return {
      call: async (headers: Record<string, string>) =>
        (await counted.request('/v1/staff/x', { headers })).status,
      checks: () => checks,
      advance: (ms: number) => {
        clock += ms;
      },
    };
  }

  it('checks a token once while it lives, and again only once it has expired', async () => {
    const counted = await countingApp();
    const headers = await identity.asUser({
      id: 'usr_cached',
      roles: ['operator'],
      ttlSeconds: 60,
    });
    expect([await counted.call(headers), await counted.call(headers)]).toEqual([200, 200]);
    expect(counted.checks()).toBe(1);
    counted.advance(61_000);
    expect(await counted.call(headers)).toBe(200);
    expect(counted.checks()).toBe(2);
  });

  it('checks the token on every request with the cache off', async () => {
    const counted = await countingApp(0);
    const headers = await identity.asUser({ id: 'usr_uncached', roles: ['operator'] });
    expect([await counted.call(headers), await counted.call(headers)]).toEqual([200, 200]);
    expect(counted.checks()).toBe(2);
  });
});
