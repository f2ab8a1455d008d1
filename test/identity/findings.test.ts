import type { FlowRuleInput } from '@trellis/kit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { usersResilienceDefaults } from '../../services/users/src/resilience.ts';
import {
  type Account,
  type Answer,
  expectStatus,
  type IdentityPlatform,
  type IdentityService,
  startIdentityPlatform,
  waitFor,
} from './platform.ts';
import { badTokens } from './user-tokens.ts';

/**
 * Issue 10's findings, each tried again against the platform running as processes: every one
 * must now be refused. (Sessions, TTLs and key rotation: sessions.test.ts.)
 */

let platform: IdentityPlatform;
let owner: Account;
let other: Account;
let operator: Account;

beforeAll(async () => {
  platform = await startIdentityPlatform(inject('adminDatabaseUrl'), { accessTtlSeconds: 120 });
  [owner, other, operator] = await Promise.all([
    platform.createAccount('owner'),
    platform.createAccount('other'),
    platform.createAccount('operator', ['operator']),
  ]);
  await waitFor('users to be registered', async () => {
    const listed = await platform.call('config', 'GET', '/v1/registry/services/users/instances', {
      token: await platform.adminToken(),
    });
    return JSON.stringify(listed.body).includes('users-identity');
  });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

function expectProblem(answer: Answer, status: number, what: string) {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(status);
  expect(answer.headers.get('content-type'), what).toContain('application/problem+json');
}

const lines = [{ sku: 'SKU-ID-1', quantity: 1, unitPriceCents: 990 }];

async function orderOf(account: Account): Promise<string> {
  const created = await platform.call('orders', 'POST', '/v1/orders', {
    token: await platform.token(account),
    json: { userId: account.id, currency: 'EUR', items: lines },
  });
  return String(expectStatus(created, 201, 'placing an own order').body.id);
}

describe('accounts', () => {
  it('creates no admin for an anonymous caller or a member asking for one', async () => {
    const wanted = {
      email: 'mallory@identity.example',
      name: 'Mallory',
      password: 'let me in please',
    };
    expectProblem(
      await platform.call('users', 'POST', '/v1/users', { json: { ...wanted, roles: ['admin'] } }),
      403,
      'anonymous sign-up as admin',
    );
    expectProblem(
      await platform.call('users', 'POST', '/v1/users', {
        token: await platform.token(owner),
        json: { ...wanted, roles: ['admin'] },
      }),
      403,
      'a member creating an admin',
    );
    const signIn = await platform.call('users', 'POST', '/v1/sessions', {
      json: { email: wanted.email, password: wanted.password },
    });
    expectProblem(signIn, 401, 'signing in as the refused admin');
  });

  it('makes public sign-up a member, and only an admin grants roles', async () => {
    const signedUp = await platform.call('users', 'POST', '/v1/users', {
      json: {
        email: 'newcomer@identity.example',
        name: 'Newcomer',
        password: 'newcomer passphrase',
      },
    });
    expect(expectStatus(signedUp, 201, 'sign-up').body.roles).toEqual(['member']);
    const id = String(signedUp.body.id);
    const selfPromotion = await platform.call('users', 'PATCH', `/v1/users/${id}`, {
      token: await platform.token({
        email: 'newcomer@identity.example',
        password: 'newcomer passphrase',
      }),
      json: { roles: ['admin'] },
    });
    expectProblem(selfPromotion, 403, 'a member granting themselves admin');
    expectProblem(
      await platform.call('users', 'PATCH', `/v1/users/${id}`, {
        token: await platform.token(operator),
        json: { roles: ['operator'] },
      }),
      403,
      'an operator granting a role',
    );
    const granted = await platform.call('users', 'PATCH', `/v1/users/${id}`, {
      token: await platform.adminToken(),
      json: { roles: ['member', 'operator'] },
    });
    expect(expectStatus(granted, 200, 'an admin granting a role').body.roles).toContain('operator');
  });

  it('refuses suspension by anyone but an admin, and the account stays active', async () => {
    const victim = await platform.createAccount('victim');
    const path = `/v1/users/${victim.id}/suspend`;
    expectProblem(await platform.call('users', 'POST', path), 401, 'anonymous suspension');
    expectProblem(
      await platform.call('users', 'POST', path, { token: await platform.token(other) }),
      403,
      'a member suspending someone',
    );
    expectProblem(
      await platform.call('users', 'POST', path, { token: await platform.token(operator) }),
      403,
      'an operator suspending someone',
    );
    const read = await platform.call('users', 'GET', `/v1/users/${victim.id}`, {
      token: await platform.adminToken(),
    });
    expect(expectStatus(read, 200, 'reading the victim').body.status).toBe('active');
  });

  it('lists no account and no email to an anonymous caller or a member', async () => {
    const anonymous = await platform.call('users', 'GET', '/v1/users');
    expectProblem(anonymous, 401, 'anonymous listing');
    const member = await platform.call('users', 'GET', '/v1/users', {
      token: await platform.token(owner),
    });
    expectProblem(member, 403, 'a member listing');
    expect(JSON.stringify([anonymous.body, member.body])).not.toContain('@identity.example');
    const someoneElse = await platform.call('users', 'GET', `/v1/users/${owner.id}`, {
      token: await platform.token(other),
    });
    expectProblem(someoneElse, 403, "a member reading another's account");
  });
});

describe('orders of other people', () => {
  it('refuses an order placed for someone else, anonymously or by another member', async () => {
    const body = { userId: owner.id, currency: 'EUR', items: lines };
    expectProblem(
      await platform.call('orders', 'POST', '/v1/orders', { json: body }),
      401,
      'anonymous order',
    );
    expectProblem(
      await platform.call('orders', 'POST', '/v1/orders', {
        token: await platform.token(other),
        json: body,
      }),
      403,
      'an order placed for the owner by another member',
    );
  });

  it('refuses paying, cancelling, reading and refunding an order of someone else', async () => {
    const pending = await orderOf(owner);
    const token = await platform.token(other);
    for (const action of ['pay', 'cancel']) {
      expectProblem(
        await platform.call('orders', 'POST', `/v1/orders/${pending}/${action}`),
        401,
        `anonymous ${action}`,
      );
      expectProblem(
        await platform.call('orders', 'POST', `/v1/orders/${pending}/${action}`, { token }),
        403,
        `another member's ${action}`,
      );
    }
    expectProblem(
      await platform.call('orders', 'GET', `/v1/orders/${pending}`, { token }),
      403,
      "another member reading the owner's order",
    );
    const still = await platform.call('orders', 'GET', `/v1/orders/${pending}`, {
      token: await platform.token(owner),
    });
    expect(expectStatus(still, 200, 'the owner reading').body.status).toBe('pending_payment');

    const paid = await platform.call('orders', 'POST', `/v1/orders/${pending}/pay`, {
      token: await platform.token(owner),
    });
    expectStatus(paid, 200, 'the owner paying');
    for (const who of [other, owner, operator]) {
      expectProblem(
        await platform.call('orders', 'POST', `/v1/orders/${pending}/refund`, {
          token: await platform.token(who),
        }),
        403,
        `a refund by ${who.email}`,
      );
    }
    const refunded = await platform.call('orders', 'POST', `/v1/orders/${pending}/refund`, {
      token: await platform.adminToken(),
    });
    expect(expectStatus(refunded, 200, 'an admin refunding').body.status).toBe('refunded');
  });

  it("lists a member's own orders only", async () => {
    const mine = await orderOf(other);
    await orderOf(owner);
    const page = await platform.call('orders', 'GET', '/v1/orders?limit=100', {
      token: await platform.token(other),
    });
    const items = expectStatus(page, 200, 'listing').body.items as { id: string; userId: string }[];
    expect(items.map((item) => item.id)).toContain(mine);
    expect(items.filter((item) => item.userId !== other.id)).toEqual([]);
  });
});

describe('meetings of other people', () => {
  async function meeting(organizer: Account, attendees: Account[], hour: number) {
    const staff = await platform.token(operator);
    const room = await platform.call('meetings', 'POST', '/v1/rooms', {
      token: staff,
      json: { name: `Room ${crypto.randomUUID().slice(0, 6)}`, capacity: 8 },
    });
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const created = await platform.call('meetings', 'POST', '/v1/meetings', {
      token: await platform.token(organizer),
      json: {
        title: 'Planning',
        organizerId: organizer.id,
        roomId: String(expectStatus(room, 201, 'a room').body.id),
        startsAt: `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`,
        endsAt: `${day}T${String(hour + 1).padStart(2, '0')}:00:00.000Z`,
        attendeeIds: attendees.map((attendee) => attendee.id),
      },
    });
    return String(expectStatus(created, 201, 'a meeting').body.id);
  }

  it('refuses booking a meeting as someone else', async () => {
    const room = await platform.call('meetings', 'POST', '/v1/rooms', {
      token: await platform.token(operator),
      json: { name: 'Annex', capacity: 4 },
    });
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const body = {
      title: 'Not mine to book',
      organizerId: owner.id,
      roomId: String(expectStatus(room, 201, 'a room').body.id),
      startsAt: `${day}T09:00:00.000Z`,
      endsAt: `${day}T10:00:00.000Z`,
    };
    expectProblem(
      await platform.call('meetings', 'POST', '/v1/meetings', { json: body }),
      401,
      'anonymous booking',
    );
    expectProblem(
      await platform.call('meetings', 'POST', '/v1/meetings', {
        token: await platform.token(other),
        json: body,
      }),
      403,
      'booking as the owner',
    );
  });

  it("refuses cancelling another organizer's meeting and answering for another attendee", async () => {
    const id = await meeting(owner, [other], 9);
    const token = await platform.token(other);
    expectProblem(
      await platform.call('meetings', 'POST', `/v1/meetings/${id}/cancel`),
      401,
      'anonymous cancel',
    );
    expectProblem(
      await platform.call('meetings', 'POST', `/v1/meetings/${id}/cancel`, { token }),
      403,
      "an attendee cancelling the organizer's meeting",
    );
    const invited = await meeting(operator, [owner, other], 11);
    expectProblem(
      await platform.call('meetings', 'POST', `/v1/meetings/${invited}/rsvp`, {
        token,
        json: { userId: owner.id, response: 'declined' },
      }),
      403,
      'an RSVP for another attendee',
    );
    const own = await platform.call('meetings', 'POST', `/v1/meetings/${invited}/rsvp`, {
      token,
      json: { userId: other.id, response: 'accepted' },
    });
    expectStatus(own, 200, 'an RSVP for oneself');
    const read = await platform.call('meetings', 'GET', `/v1/meetings/${invited}`, {
      token: await platform.token(operator),
    });
    const attendees = expectStatus(read, 200, 'reading').body.attendees as {
      userId: string;
      response: string;
    }[];
    expect(attendees.find((attendee) => attendee.userId === owner.id)?.response).toBe('pending');
    const cancelled = await platform.call('meetings', 'GET', `/v1/meetings/${id}`, {
      token: await platform.token(owner),
    });
    expect(expectStatus(cancelled, 200, 'reading').body.status).not.toBe('cancelled');
  });
});

describe('operations surfaces', () => {
  it('keeps config drafts, audit, releases and the registry from members', async () => {
    const token = await platform.token(owner);
    for (const route of [
      '/v1/config/dev/orders/draft',
      '/v1/config/dev/orders/audit',
      '/v1/config/dev/orders/releases',
      '/v1/registry/services',
      '/v1/registry/services/users/instances',
    ]) {
      expectProblem(await platform.call('config', 'GET', route), 401, `anonymous ${route}`);
      expectProblem(
        await platform.call('config', 'GET', route, { token }),
        403,
        `a member on ${route}`,
      );
    }
  });

  it('answers /metrics and /resilience to the metrics token and services only', async () => {
    const admin = await platform.adminToken();
    for (const [name, service] of Object.entries(platform.services)) {
      for (const route of ['/metrics', '/resilience']) {
        const where = `${route} of ${name}`;
        expectProblem(
          await platform.call(name as IdentityService, 'GET', route),
          401,
          `anonymous ${where}`,
        );
        expectProblem(
          await platform.call(name as IdentityService, 'GET', route, { token: admin }),
          403,
          `an admin on ${where}`,
        );
        const scraped = await fetch(`${service.url}${route}`, {
          headers: { authorization: `Bearer ${platform.metricsToken}` },
        });
        await scraped.arrayBuffer();
        expect(scraped.status, `the metrics token on ${where}`).toBe(200);
        const byService = await platform.call(name as IdentityService, 'GET', route, {
          token: await platform.serviceToken('orders', name),
        });
        expect(byService.status, `orders' own token on ${where}`).toBe(200);
      }
    }
  });
});

describe('tokens', () => {
  /** A call each service answers 2xx to a valid admin token. */
  const probes: [IdentityService, string][] = [
    ['users', '/v1/users?limit=1'],
    ['orders', '/v1/orders?limit=1'],
    ['meetings', '/v1/meetings?limit=1'],
    ['config', '/v1/config/namespaces'],
    ['gateway', '/v1/orders?limit=1'],
  ];

  it('refuses forged, alg none, expired, wrong-kid, wrong-audience and wrong-issuer tokens everywhere', async () => {
    const genuine = await platform.token(owner);
    const tokens = await badTokens(genuine, platform.database, platform.tokenKeyEncryptionKey);
    const admin = await platform.adminToken();
    // Through the gateway, as an outside consumer with an API key.
    const headers = { 'x-api-key': await platform.consumerKey() };
    for (const [service, route] of probes.filter(([name]) => platform.services[name])) {
      const valid = await platform.call(service, 'GET', route, { token: admin, headers });
      expectStatus(valid, 200, `${service} ${route} with a valid admin token`);
      for (const [kind, token] of Object.entries(tokens)) {
        const answer = await platform.call(service, 'GET', route, { token, headers });
        expectProblem(answer, 401, `${service} ${route} with ${kind}`);
        expect(answer.headers.get('www-authenticate'), `${service} with ${kind}`).toMatch(
          /^Bearer/,
        );
      }
    }
  });

  it('refuses at the gateway an API key whose secret part is wrong', async () => {
    const gateway = platform.services.gateway;
    if (!gateway) {
      return;
    }
    const key = await platform.consumerKey();
    const token = await platform.token(owner);
    const good = await platform.call('gateway', 'GET', '/v1/orders?limit=1', {
      token,
      headers: { 'x-api-key': key },
    });
    expectStatus(good, 200, 'the genuine key');
    const secret = key.slice(key.lastIndexOf('_') + 1);
    const wrong = `${key.slice(0, key.lastIndexOf('_') + 1)}${secret.startsWith('A') ? 'B' : 'A'}${secret.slice(1)}`;
    for (const candidate of [wrong, key.slice(0, key.lastIndexOf('_') + 1), `${key}x`]) {
      expectProblem(
        await platform.call('gateway', 'GET', '/v1/orders?limit=1', {
          token,
          headers: { 'x-api-key': candidate },
        }),
        401,
        'a key with its id right and its secret wrong',
      );
    }
  });

  it('refuses a service token meant for another service', async () => {
    const forUsers = await platform.serviceToken('orders', 'users');
    const answer = await platform.call('meetings', 'GET', '/v1/rooms', { token: forUsers });
    expectProblem(answer, 401, "orders' token for users, shown to meetings");
  });
});

describe('the registry', () => {
  const fake = (service: string) => ({
    service,
    instanceId: `${service}-impostor`,
    address: 'http://127.0.0.1:9',
    version: '6.6.6',
    weight: 10_000,
  });

  it("registers no instance under a service's name with any other service's credential", async () => {
    const others = (['orders', 'meetings', 'gateway', 'config'] as const).filter(
      (name) => name !== 'gateway' || platform.services.gateway,
    );
    for (const impostor of others) {
      const token = await platform.serviceToken(impostor, 'config');
      expectProblem(
        await platform.call('config', 'POST', '/v1/registry/instances', {
          token,
          json: fake('users'),
        }),
        403,
        `${impostor} registering a users instance`,
      );
      expectProblem(
        await platform.call('config', 'PUT', '/v1/registry/instances/users-identity/heartbeat', {
          token,
        }),
        403,
        `${impostor} heartbeating users' instance`,
      );
      expectProblem(
        await platform.call('config', 'DELETE', '/v1/registry/instances/users-identity', { token }),
        403,
        `${impostor} deregistering users' instance`,
      );
    }
    const listed = await platform.call('config', 'GET', '/v1/registry/services/users/instances', {
      token: await platform.adminToken(),
    });
    const instances = expectStatus(listed, 200, 'listing users').body.items as {
      instanceId: string;
    }[];
    expect(instances.map((instance) => instance.instanceId)).toEqual(['users-identity']);
  });

  it('refuses a token that names users but is signed with the key of orders', async () => {
    const { SignJWT, importJWK } = await import('jose');
    const ordersKey = platform.keys.orders.privateJwk;
    const now = Math.floor(Date.now() / 1000);
    const lying = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: ordersKey.kid })
      .setIssuer('service:users')
      .setSubject('service:users')
      .setAudience('config')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(await importJWK(ordersKey, 'EdDSA'));
    expectProblem(
      await platform.call('config', 'POST', '/v1/registry/instances', {
        token: lying,
        json: fake('users'),
      }),
      401,
      'a users token signed by orders',
    );
  });

  it('still sends orders’ user checks to the real users: an unknown user cannot order', async () => {
    const nobody = `usr_${'0'.repeat(31)}1`;
    const answer = await platform.call('orders', 'POST', '/v1/orders', {
      token: await platform.adminToken(),
      json: { userId: nobody, currency: 'EUR', items: lines },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    await orderOf(owner);
  });
});

describe('caller-keyed rules', () => {
  async function publishUsersFlow(flow: FlowRuleInput[]) {
    const token = await platform.adminToken();
    const base = '/v1/config/dev/users';
    const draft = expectStatus(
      await platform.call('config', 'GET', `${base}/draft`, { token }),
      200,
      'the draft',
    );
    const values = {
      ...(draft.body.values as Record<string, unknown>),
      resilience: { ...usersResilienceDefaults, flow },
    };
    expectStatus(
      await platform.call('config', 'PUT', `${base}/draft`, { token, json: { values } }),
      200,
      'saving the draft',
    );
    expectStatus(
      await platform.call('config', 'POST', `${base}/releases`, {
        token,
        json: { comment: 'no budget' },
      }),
      201,
      'publishing',
    );
    await waitFor('users to run the published rules', async () => {
      const view = await platform.call('users', 'GET', '/resilience?seconds=1', {
        token: platform.metricsToken,
      });
      const rules = (view.body.rules as { flow: FlowRuleInput[] } | undefined)?.flow ?? [];
      return flow.every((rule) =>
        rules.some(
          (running) =>
            running.resource === rule.resource &&
            running.caller === rule.caller &&
            running.threshold === rule.threshold,
        ),
      );
    });
  }

  it('count the service the token proves, whatever x-trellis-caller claims', async () => {
    // No budget for meetings on reads, none for orders nor for callers that are no service
    // on lookups: a header that could move a call from one budget to another would show.
    await publishUsersFlow([
      { resource: 'GET /v1/users/{id}', threshold: 0, caller: 'meetings' },
      { resource: 'POST /v1/users/lookup', threshold: 0, caller: 'orders' },
      { resource: 'POST /v1/users/lookup', threshold: 0, caller: 'anonymous' },
    ]);
    try {
      const spoof = { 'x-trellis-caller': 'meetings' };
      const meetings = await platform.serviceToken('meetings', 'users');
      const orders = await platform.serviceToken('orders', 'users');
      const admin = await platform.adminToken();
      const read = (token: string, headers: Record<string, string> = {}) =>
        platform.call('users', 'GET', `/v1/users/${owner.id}`, { token, headers });
      expectProblem(await read(meetings), 429, 'meetings itself, out of budget');
      expectStatus(await read(orders, spoof), 200, 'orders claiming to be meetings');
      expectStatus(await read(admin, spoof), 200, 'an admin claiming to be meetings');
      const lookup = (token: string, headers: Record<string, string> = {}) =>
        platform.call('users', 'POST', '/v1/users/lookup', {
          token,
          headers,
          json: { ids: [owner.id] },
        });
      expectProblem(await lookup(orders), 429, 'orders itself, out of budget');
      expectProblem(await lookup(orders, spoof), 429, 'orders hiding behind the name of meetings');
      expectProblem(await lookup(admin), 429, 'a caller without the header');
      expectProblem(await lookup(admin, spoof), 429, 'an admin hiding behind the name of meetings');
      expectStatus(await lookup(meetings), 200, 'meetings on its own budget');
    } finally {
      await publishUsersFlow(usersResilienceDefaults.flow ?? []);
    }
  });
});

describe('the sign-in limit', () => {
  it('holds for the email signed in with, whatever email the query or headers name', async () => {
    const victim = await platform.createAccount('guessed');
    const started = Date.now();
    const statuses: number[] = [];
    for (let n = 0; n < 150; n += 1) {
      const decoy = `decoy-${n}@identity.example`;
      const answer = await platform.call(
        'users',
        'POST',
        `/v1/sessions?email=${encodeURIComponent(decoy)}`,
        {
          headers: { email: decoy, 'x-email': decoy, 'x-user-email': decoy },
          json: { email: victim.email, password: `wrong guess number ${n}` },
        },
      );
      statuses.push(answer.status);
    }
    const seconds = Math.ceil((Date.now() - started) / 1000);
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    // 60 a minute with a burst of 30 (the shipped rule): 90 at once, then one a second.
    const allowed = 90 + seconds + 2;
    const firstRefused = statuses.indexOf(429);
    expect(
      firstRefused,
      `first refusal after ${statuses.length} tries in ${seconds} s`,
    ).toBeGreaterThan(-1);
    expect(firstRefused).toBeLessThanOrEqual(allowed);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(allowed);
    const right = await platform.call(
      'users',
      'POST',
      '/v1/sessions?email=someone@identity.example',
      {
        headers: { email: 'someone@identity.example' },
        json: { email: victim.email, password: victim.password },
      },
    );
    expectProblem(right, 429, 'the right password, once the email is limited');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // The limit is the email's: another account signs in from the same address.
    await platform.signIn(await platform.createAccount('bystander'));
  });
});
