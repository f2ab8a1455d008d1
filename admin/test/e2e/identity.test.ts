import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveSessionKey, openSession } from '../../src/lib/session-token.ts';
import { type ConsolePage, screenshot, signIn } from './browser.ts';
import { consoleHarness, type Login, logins } from './harness.ts';
import type { Platform } from './platform.ts';

/** Short access tokens: the console must follow a suspension or a demotion within this. */
const accessTtlSeconds = 3;
/** What the loaded machine adds to that: page loads, the renewal's round trip, the poll. */
const slackMs = 6000;

const harness = consoleHarness({ accessTokenTtlSeconds: accessTtlSeconds });
const { open, as, api, bearerOf } = harness;
let platform: Platform;

beforeAll(() => {
  platform = harness.platform;
});

interface User {
  id: string;
  name: string;
  email: string;
  roles: string[];
  status: string;
  version: number;
}

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** A new user holding `roles`, made by the seeded admin, with a password to sign in with. */
async function newStaff(roles: string[]): Promise<{ user: User; login: Login }> {
  const login = {
    email: `staff.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.com`,
    password: 'a long enough password',
  };
  const created = await api<User>('users', '/v1/users', {
    method: 'POST',
    body: JSON.stringify({ name: 'Temporary Staff', ...login }),
  });
  const user = await api<User>('users', `/v1/users/${created.id}`, {
    method: 'PATCH',
    body: JSON.stringify({ roles }),
  });
  expect(user.roles).toEqual(expect.arrayContaining(roles));
  return { user, login };
}

async function signedIn(login: Login): Promise<ConsolePage> {
  const tab = await open();
  await signIn(tab.page, platform.adminUrl, login.email, login.password);
  await tab.page.waitForURL(`${platform.adminUrl}/`);
  return tab;
}

/**
 * Reloads `path` until `done` holds, answering how long that took: the console notices a
 * change at users only when the browser asks it something.
 */
async function untilSeen(page: Page, path: string, done: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  const deadline = started + accessTtlSeconds * 1000 + slackMs;
  while (Date.now() < deadline) {
    await page.goto(`${platform.adminUrl}${path}`);
    if (await done()) {
      return Date.now() - started;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(
    `${path} did not change within ${accessTtlSeconds} s + ${slackMs} ms; ` +
      `last at ${pathOf(page)}: ${(await page.locator('main').textContent())?.slice(0, 300)}`,
  );
}

async function sessionCookieOf(tab: ConsolePage): Promise<string> {
  const cookie = (await tab.context.cookies()).find((each) => each.name === 'trellis_session');
  expect(cookie?.httpOnly).toBe(true);
  return cookie?.value ?? '';
}

describe('the console session follows the users service', () => {
  it('keeps a session going across several access-token lifetimes by renewing it', async () => {
    const { page } = await as('admin');
    const until = Date.now() + (accessTtlSeconds + 1) * 2000;
    while (Date.now() < until) {
      await page.goto(`${platform.adminUrl}/users`);
      expect(pathOf(page)).toBe('/users');
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      await page.waitForTimeout(700);
    }
  });

  it('signs out an admin suspended in another session within the access-token lifetime', async () => {
    const { user, login } = await newStaff(['member', 'admin']);
    const tab = await signedIn(login);
    await tab.page.goto(`${platform.adminUrl}/users/${user.id}`);
    await tab.page.getByRole('button', { name: 'Suspend user' }).waitFor();

    await api('users', `/v1/users/${user.id}/suspend`, { method: 'POST' });
    const tookMs = await untilSeen(tab.page, '/users', async () =>
      pathOf(tab.page).startsWith('/login?ended=1'),
    );
    expect(tookMs).toBeLessThan(accessTtlSeconds * 1000 + slackMs);
    await tab.page.getByTestId('session-ended').waitFor();
    // What is left of the cookie says only that the session ended, for the pages after.
    const left = (await tab.context.cookies()).find((c) => c.name === 'trellis_session');
    expect(left?.value ?? 'ended').toBe('ended');
    await screenshot(tab.page, 'identity-suspended-admin-signed-out');

    await signIn(tab.page, platform.adminUrl, login.email, login.password);
    await tab.page.getByText('This account is suspended').waitFor();
  });

  it('takes admin actions away from a demoted admin within the access-token lifetime', async () => {
    const { user, login } = await newStaff(['member', 'admin']);
    const tab = await signedIn(login);
    await tab.page.goto(`${platform.adminUrl}/api-keys`);
    await tab.page.getByRole('button', { name: 'Create key' }).waitFor();

    await api('users', `/v1/users/${user.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ roles: ['member', 'operator'] }),
    });
    const tookMs = await untilSeen(tab.page, '/api-keys', async () =>
      tab.page.getByTestId('admin-only').isVisible(),
    );
    expect(tookMs).toBeLessThan(accessTtlSeconds * 1000 + slackMs);
    expect(await tab.page.getByRole('button', { name: 'Create key' }).count()).toBe(0);
    expect(await tab.page.getByTestId('signed-in-as').textContent()).toContain('operator');
    await screenshot(tab.page, 'identity-demoted-admin');

    // Demoted to a member, they have no console role at all: the session ends.
    await api('users', `/v1/users/${user.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ roles: ['member'] }),
    });
    await untilSeen(tab.page, '/', async () => pathOf(tab.page).startsWith('/login?ended=1'));
  });

  it('revokes the session at users on sign-out, so a cookie saved before no longer works', async () => {
    const { login } = await newStaff(['member', 'operator']);
    const tab = await signedIn(login);
    const saved = await sessionCookieOf(tab);
    const session = await openSession(saved, deriveSessionKey(platform.sessionSecret));
    expect(session?.refreshToken).toBeTruthy();

    await tab.page.getByRole('button', { name: 'Sign out' }).first().click();
    await tab.page.waitForURL(`${platform.adminUrl}/login`);

    // Users revoked the refresh family: the saved refresh token renews nothing.
    const refreshed = await fetch(`${platform.serviceUrls.users}/v1/sessions/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session?.refreshToken }),
    });
    expect(refreshed.status).toBe(401);

    // And the console refuses the saved cookie at once, before its access token expires.
    const url = new URL(platform.adminUrl);
    const replay = await open();
    await replay.context.addCookies([
      { name: 'trellis_session', value: saved, domain: url.hostname, path: '/' },
    ]);
    await replay.page.goto(`${platform.adminUrl}/users`);
    expect(pathOf(replay.page)).toMatch(/^\/login\?/);
    const answered = await fetch(`${platform.adminUrl}/users`, {
      headers: { cookie: `trellis_session=${saved}` },
      redirect: 'manual',
    });
    expect(answered.status).toBe(307);
    expect(answered.headers.get('location')).toMatch(/\/login/);
  });
});

describe('API keys', () => {
  async function verify(key: string): Promise<number> {
    const token = await platform.serviceToken('gateway', 'users');
    const response = await fetch(`${platform.serviceUrls.users}/v1/api-keys/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ key }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  it('creates a key shown once, and revokes it after asking', async () => {
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/api-keys`);
    const name = `Partner app ${Date.now()}`;
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Scopes must name at least one scope.').waitFor();
    expect(await page.getByLabel('Name').inputValue()).toBe(name);

    await page.getByRole('checkbox', { name: 'orders:read' }).check();
    await page.getByRole('checkbox', { name: 'meetings:read' }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByTestId('new-api-key-value');
    await shown.waitFor();
    const key = (await shown.textContent()) ?? '';
    expect(key).toMatch(/^trk_live_key_[0-9a-f]{32}_[A-Za-z0-9_-]{43,}$/);
    const id = key.split('_').slice(2, 4).join('_');
    const row = page.getByTestId(`api-key-${id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(name);
    expect(await row.textContent()).toContain('orders:read');
    expect(await row.textContent()).not.toContain(key.slice(-20));
    await screenshot(page, 'api-key-created');
    expect(await verify(key)).toBe(200);

    // Shown once: the page as loaded again holds no trace of the secret.
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(key.slice(-20));
    expect(await page.getByTestId('new-api-key').count()).toBe(0);

    const revoke = row.getByRole('button', { name: `Revoke ${name}…` });
    const confirmation = page.getByTestId(`api-key-confirm-${id}`);
    await revoke.click();
    await confirmation.getByText(`Revoke “${name}”? Apps using it are refused at once.`).waitFor();
    await screenshot(page, 'api-key-revoke-confirm');
    await confirmation.getByRole('button', { name: 'Keep it' }).click();
    await confirmation.waitFor({ state: 'detached' });
    expect(await verify(key)).toBe(200);

    await revoke.click();
    await confirmation.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText(`“${name}” is revoked`).waitFor();
    await row.getByText(/^Revoked/).waitFor();
    expect(await row.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    expect(await confirmation.count()).toBe(0);
    expect(await verify(key)).toBe(401);
    await screenshot(page, 'api-key-revoked');
  });
});

describe('the audit trail', () => {
  it('lists security events, filtered by action', async () => {
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/audit`);
    const events = page.getByTestId('security-events');
    await events.waitFor();
    expect(await events.textContent()).toContain('session.sign_in');
    await page.getByLabel('Action').selectOption('session.sign_in');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/\/audit\?action=session\.sign_in$/);
    const actions = await events
      .getByTestId('security-event')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['session.sign_in']));
    expect(await events.textContent()).toContain(logins.admin.email);
    // Signed in through the console, the browser is named, not the console's own fetch.
    expect(await events.textContent()).toContain('HeadlessChrome');
    await screenshot(page, 'audit-trail');

    // The key revoked above: done by the admin, to the key.
    await page.getByLabel('Action').selectOption('api_key.revoked');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/\/audit\?action=api_key\.revoked$/);
    const revoked = events.getByTestId('security-event').first();
    expect(await revoked.textContent()).toContain(logins.admin.email);
    expect(await revoked.textContent()).toMatch(/key_[0-9a-f]{32}/);
    await screenshot(page, 'audit-trail-key-revoked');
  });
});

describe('as an operator', () => {
  it('cannot see or reach what only admins may do', async () => {
    const { page } = await as('operator');
    const nav = page.getByRole('navigation', { name: 'Areas' });
    await nav.getByRole('link', { name: 'Users' }).waitFor();
    expect(await nav.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);

    for (const [path, what] of [
      ['/api-keys', 'Only admins may see, create or revoke API keys.'],
      ['/audit', 'Only admins may read the security audit trail.'],
    ] as const) {
      await page.goto(`${platform.adminUrl}${path}`);
      expect(await page.getByTestId('admin-only').textContent()).toContain(what);
      expect(await page.locator('main form, main table').count()).toBe(0);
    }
    await screenshot(page, 'operator-audit-refused');

    const users = await api<{ items: User[] }>('users', '/v1/users?status=active&limit=5');
    const target = users.items.find((user) => user.email !== logins.operator.email) as User;
    await page.goto(`${platform.adminUrl}/users/${target.id}`);
    await page.getByText('Only admins may grant or take away roles.').waitFor();
    expect(await page.getByRole('button', { name: /Suspend|Reactivate|Save roles/ }).count()).toBe(
      0,
    );
    const paid = await api<{ items: { id: string }[] }>('orders', '/v1/orders?status=paid&limit=1');
    await page.goto(`${platform.adminUrl}/orders/${paid.items[0]?.id}`);
    await page.getByText('Refunds are for admins.').waitFor();
    expect(await page.getByRole('button', { name: 'Refund' }).count()).toBe(0);
    await screenshot(page, 'operator-user-roles');
  });

  it('is refused by the admin-only server actions it replays, and by the services', async () => {
    const admin = await as('admin');
    const operator = await as('operator');
    const operatorCookie = await sessionCookieOf(operator);
    const captured: { url: string; headers: Record<string, string>; body: Buffer }[] = [];
    admin.page.on('request', (request) => {
      if (request.method() === 'POST' && request.headers()['next-action']) {
        captured.push({
          url: request.url(),
          headers: request.headers(),
          body: request.postDataBuffer() ?? Buffer.alloc(0),
        });
      }
    });
    const name = `Replayed ${Date.now()}`;
    await admin.page.goto(`${platform.adminUrl}/api-keys`);
    await admin.page.getByLabel('Name').fill(name);
    await admin.page.getByRole('checkbox', { name: 'users:read' }).check();
    await admin.page.getByRole('button', { name: 'Create key' }).click();
    await admin.page.getByTestId('new-api-key-value').waitFor();

    const staff = await newStaff(['member']);
    await admin.page.goto(`${platform.adminUrl}/users/${staff.user.id}`);
    await admin.page.getByRole('checkbox', { name: 'admin' }).check();
    await admin.page.getByRole('button', { name: 'Save roles' }).click();
    await admin.page.getByText('now holds').waitFor();
    await api('users', `/v1/users/${staff.user.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ roles: ['member'] }),
    });
    expect(captured).toHaveLength(2);

    const replay = (action: (typeof captured)[number]) =>
      fetch(action.url, {
        method: 'POST',
        body: new Uint8Array(action.body),
        headers: {
          accept: 'text/x-component',
          'next-action': action.headers['next-action'] ?? '',
          'content-type': action.headers['content-type'] ?? '',
          origin: platform.adminUrl,
          cookie: `trellis_session=${operatorCookie}`,
        },
      });
    const [createKey, grantRoles] = captured as [(typeof captured)[0], (typeof captured)[0]];
    expect(await (await replay(createKey)).text()).toContain(
      'Only admins may see, create or revoke API keys.',
    );
    expect(await (await replay(grantRoles)).text()).toContain(
      'Only admins may grant the operator or admin role.',
    );
    const keys = await api<{ items: { name: string }[] }>('users', '/v1/api-keys?limit=100');
    expect(keys.items.filter((key) => key.name === name)).toHaveLength(1);
    expect((await api<User>('users', `/v1/users/${staff.user.id}`)).roles).toEqual(['member']);

    // The services refuse the operator's own token just the same: the console is not the gate.
    const asOperator = await bearerOf(logins.operator);
    const direct = await fetch(`${platform.serviceUrls.users}/v1/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...asOperator },
      body: JSON.stringify({ name: 'by an operator', scopes: ['users:read'] }),
    });
    expect(direct.status).toBe(403);
  });
});

describe('security headers', () => {
  it('sends a nonce policy, no framing and no sniffing on every kind of response', async () => {
    const login = await fetch(`${platform.adminUrl}/login`);
    const policy = login.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/https?:\/\//);
    const html = await login.text();
    // Every script Next rendered carries this response's nonce.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    const again = await fetch(`${platform.adminUrl}/login`);
    expect(again.headers.get('content-security-policy')).not.toBe(policy);

    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const answers = await Promise.all(
      ['/login', '/users', '/healthz', asset, '/no-such-page'].map((route) =>
        fetch(`${platform.adminUrl}${route}`, { redirect: 'manual' }),
      ),
    );
    for (const answer of answers) {
      expect(answer.headers.get('x-frame-options'), answer.url).toBe('DENY');
      expect(answer.headers.get('x-content-type-options'), answer.url).toBe('nosniff');
      expect(answer.headers.get('referrer-policy'), answer.url).toBe('same-origin');
      expect(answer.headers.get('strict-transport-security'), answer.url).toBeNull();
    }
  });

  it('adds HSTS and Secure cookies when served over https behind a proxy', async () => {
    const page = await fetch(`${platform.adminUrl}/login`, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(page.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    expect(page.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');

    const tab = await open();
    await tab.context.setExtraHTTPHeaders({ 'x-forwarded-proto': 'https' });
    const cookie = tab.page.waitForResponse(
      async (response) =>
        response.request().method() === 'POST' &&
        ((await response.headerValue('set-cookie')) ?? '').includes('trellis_session='),
    );
    await signIn(tab.page, platform.adminUrl, logins.admin.email, logins.admin.password);
    const setCookie = (await (await cookie).headerValue('set-cookie')) ?? '';
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
  });
});
