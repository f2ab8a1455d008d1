import { base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Account,
  type Answer,
  expectStatus,
  type IdentityPlatform,
  type IdentityService,
  type Session,
  startIdentityPlatform,
  waitFor,
} from './platform.ts';

/**
 * Issue 10's findings about sessions, against the platform running as processes with users
 * issuing 3-second access tokens: a reused refresh token ends its family, a suspended or
 * demoted admin loses access within one access-token lifetime, and a signing-key rotation
 * fails no request.
 */

const ttlSeconds = 3;
/** How late after the TTL an end of access may come on a loaded machine. */
const marginMs = 2500;

let platform: IdentityPlatform;

beforeAll(async () => {
  platform = await startIdentityPlatform(inject('adminDatabaseUrl'), {
    accessTtlSeconds: ttlSeconds,
  });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

function refresh(refreshToken: string): Promise<Answer> {
  return platform.call('users', 'POST', '/v1/sessions/refresh', { json: { refreshToken } });
}

function expectProblem(answer: Answer, status: number, what: string) {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(status);
  expect(answer.headers.get('content-type'), what).toContain('application/problem+json');
}

/** Resolves with the ms from `since` until `call` answers `status`; fails after the TTL and margin. */
async function msUntil(status: number, since: number, call: () => Promise<Answer>, what: string) {
  let last: Answer | undefined;
  await waitFor(
    what,
    async () => {
      last = await call();
      return last.status === status;
    },
    ttlSeconds * 1000 + marginMs + 5000,
  );
  expect(last?.headers.get('content-type'), what).toContain('application/problem+json');
  return Date.now() - since;
}

describe('refresh tokens', () => {
  it('are spent by one use, and a spent one presented again ends the whole family', async () => {
    const member = await platform.createAccount('refresher');
    const first = await platform.signIn(member);
    const elsewhere = await platform.signIn(member);
    const second = expectStatus(await refresh(first.refreshToken), 201, 'first refresh')
      .body as unknown as Session;
    const third = expectStatus(await refresh(second.refreshToken), 201, 'second refresh')
      .body as unknown as Session;
    expect(new Set([first.refreshToken, second.refreshToken, third.refreshToken]).size).toBe(3);
    expectProblem(await refresh(first.refreshToken), 401, 'the spent first token again');
    expectProblem(await refresh(third.refreshToken), 401, 'the newest token of the revoked family');
    // Another session of the same person is another family.
    expectStatus(await refresh(elsewhere.refreshToken), 201, 'a session on another device');
  });

  it('end at sign-out', async () => {
    const member = await platform.createAccount('leaver');
    const session = await platform.signIn(member);
    const out = await platform.call('users', 'POST', '/v1/sessions/sign-out', {
      json: { refreshToken: session.refreshToken },
    });
    expect(out.status).toBe(204);
    expectProblem(await refresh(session.refreshToken), 401, 'refreshing after sign-out');
  });
});

describe('a suspended user', () => {
  it('cannot refresh, and their access ends within the access TTL', async () => {
    const member = await platform.createAccount('suspended');
    const session = await platform.signIn(member);
    const read = () => platform.call('orders', 'GET', '/v1/orders', { token: session.accessToken });
    expectStatus(await read(), 200, 'reading before suspension');
    const suspendedAt = Date.now();
    expectStatus(
      await platform.call('users', 'POST', `/v1/users/${member.id}/suspend`, {
        token: await platform.adminToken(),
      }),
      200,
      'suspending',
    );
    expectProblem(await refresh(session.refreshToken), 401, "the suspended user's refresh");
    const signIn = await platform.call('users', 'POST', '/v1/sessions', {
      json: { email: member.email, password: member.password },
    });
    // Refused either as a wrong sign-in or, the password being right, as a suspended account.
    expect([401, 403], "the suspended user's sign-in").toContain(signIn.status);
    const ms = await msUntil(401, suspendedAt, read, 'the suspended token to be refused');
    expect(ms).toBeLessThanOrEqual(ttlSeconds * 1000 + marginMs);
  });
});

describe('an admin who loses the role', () => {
  /** Changes orders' dev draft as `token` would; the draft is read as the root admin. */
  async function editConfig(token: string, minutes: number): Promise<Answer> {
    const base = '/v1/config/dev/orders';
    const draft = await platform.call('config', 'GET', `${base}/draft`, {
      token: await platform.adminToken(),
    });
    const values = {
      ...(expectStatus(draft, 200, 'reading the draft').body.values as Record<string, unknown>),
      paymentTimeoutMinutes: minutes,
    };
    return platform.call('config', 'PUT', `${base}/draft`, { token, json: { values } });
  }

  function publish(token: string): Promise<Answer> {
    return platform.call('config', 'POST', '/v1/config/dev/orders/releases', {
      token,
      json: { comment: 'a change by a deputy' },
    });
  }

  function suspendSomeone(token: string, id: string): Promise<Answer> {
    return platform.call('users', 'POST', `/v1/users/${id}/suspend`, { token });
  }

  async function deputy(label: string): Promise<{ account: Account; session: Session }> {
    const account = await platform.createAccount(label, ['member', 'admin']);
    const session = await platform.signIn(account);
    expectStatus(
      await editConfig(session.accessToken, 40 + Math.floor(Math.random() * 100)),
      200,
      'a deputy editing',
    );
    expectStatus(await publish(session.accessToken), 201, 'a deputy publishing');
    return { account, session };
  }

  it('once demoted, publishes no config and suspends no one past the access TTL', async () => {
    const { account, session } = await deputy('demoted');
    const bystander = await platform.createAccount('bystander');
    const demotedAt = Date.now();
    expectStatus(
      await platform.call('users', 'PATCH', `/v1/users/${account.id}`, {
        token: await platform.adminToken(),
        json: { roles: ['member'] },
      }),
      200,
      'demoting',
    );
    const ms = await msUntil(
      401,
      demotedAt,
      () => editConfig(session.accessToken, 7),
      "the demoted admin's token to be refused",
    );
    expect(ms).toBeLessThanOrEqual(ttlSeconds * 1000 + marginMs);
    const renewed = await refresh(session.refreshToken);
    if (renewed.status === 201) {
      // A refresh gives the roles the account holds now.
      const token = String(renewed.body.accessToken);
      expect((renewed.body.user as { roles: string[] }).roles).not.toContain('admin');
      expectProblem(await editConfig(token, 8), 403, 'the demoted admin editing config');
      expectProblem(await publish(token), 403, 'the demoted admin publishing');
      expectProblem(await suspendSomeone(token, bystander.id), 403, 'the demoted admin suspending');
    } else {
      expectProblem(renewed, 401, "the demoted admin's refresh");
    }
  });

  it('once suspended, cannot refresh, publish or suspend anyone past the access TTL', async () => {
    const { account, session } = await deputy('suspended-admin');
    const bystander = await platform.createAccount('bystander');
    const suspendedAt = Date.now();
    expectStatus(await suspendSomeone(await platform.adminToken(), account.id), 200, 'suspending');
    expectProblem(await refresh(session.refreshToken), 401, "the suspended admin's refresh");
    const ms = await msUntil(
      401,
      suspendedAt,
      () => publish(session.accessToken),
      "the suspended admin's token to be refused",
    );
    expect(ms).toBeLessThanOrEqual(ttlSeconds * 1000 + marginMs);
    expectProblem(await suspendSomeone(session.accessToken, bystander.id), 401, 'suspending after');
  });
});

/** A signed-in person whose access token is refreshed at a third of its life, as a client does. */
function keptSession(account: Account) {
  type Held = { session: Session; renewAt: number };
  let current: Promise<Held> | undefined;
  const start = async () => ({
    session: await platform.signIn(account),
    renewAt: Date.now() + (ttlSeconds * 1000) / 3,
  });
  const renew = async (session: Session) => {
    const answer = expectStatus(await refresh(session.refreshToken), 201, 'keeping the session');
    return {
      session: answer.body as unknown as Session,
      renewAt: Date.now() + (ttlSeconds * 1000) / 3,
    };
  };
  return async (): Promise<string> => {
    current ??= start();
    for (;;) {
      const pending: Promise<Held> = current;
      const held = await pending;
      if (pending !== current) {
        continue; // renewed meanwhile: a spent refresh token must never be sent again
      }
      if (Date.now() < held.renewAt) {
        return held.session.accessToken;
      }
      current = renew(held.session);
    }
  };
}

function kidOf(token: string): string {
  const header = token.split('.')[0] ?? '';
  return String(JSON.parse(new TextDecoder().decode(base64url.decode(header))).kid);
}

describe('a signing-key rotation', () => {
  it('fails no request of any service while traffic runs through it', async () => {
    const member = await platform.createAccount('steady');
    const memberToken = keptSession(member);
    const adminToken = keptSession(platform.admin);
    const consumer = { 'x-api-key': await platform.consumerKey() };
    const targets: [IdentityService, string, () => Promise<string>, Record<string, string>][] = [
      ['users', `/v1/users/${member.id}`, memberToken, {}],
      ['orders', '/v1/orders?limit=5', memberToken, {}],
      ['meetings', '/v1/meetings?limit=5', memberToken, {}],
      ['config', '/v1/config/namespaces', adminToken, {}],
      ['gateway', '/v1/orders?limit=5', memberToken, consumer],
    ];
    const running = targets.filter(([service]) => platform.services[service]);
    const failures: string[] = [];
    const kids = new Set<string>();
    let sent = 0;
    let stop = false;
    const worker = async (offset: number) => {
      for (let n = offset; !stop; n += 1) {
        const target = running[n % running.length];
        if (!target) {
          return;
        }
        const [service, route, tokenOf, headers] = target;
        const token = await tokenOf();
        kids.add(kidOf(token));
        const answer = await platform.call(service, 'GET', route, { token, headers });
        sent += 1;
        if (answer.status !== 200) {
          failures.push(
            `${service} ${route} (kid ${kidOf(token)}): ${answer.status} ${JSON.stringify(answer.body)}`,
          );
        }
      }
    };
    const workers = [0, 1, 2, 3].map((offset) => worker(offset));
    await waitFor('traffic before the rotation', async () => sent >= 40);
    const before = kidOf(await memberToken());
    const rotated = await platform.call('users', 'POST', '/v1/signing-keys/rotate', {
      token: await adminToken(),
    });
    const kid = String(expectStatus(rotated, 201, 'rotating').body.kid);
    expect(kid).not.toBe(before);
    // Long enough for every held token to be renewed under the new key, and then some.
    const rotatedAt = sent;
    await waitFor(
      'traffic with tokens of the new key',
      async () => {
        const now = await memberToken();
        return kidOf(now) === kid && kidOf(await adminToken()) === kid && sent >= rotatedAt + 80;
      },
      20_000,
    );
    stop = true;
    await Promise.all(workers);
    expect(failures).toEqual([]);
    expect([...kids]).toEqual(expect.arrayContaining([before, kid]));
  });
});
