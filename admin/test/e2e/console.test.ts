import { copyFile, mkdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { newId } from '@trellis/db';
import { meetings } from '@trellis/db/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDir } from '../../scripts/admin-build.ts';
import { deriveSessionKey, type Session, sealSession } from '../../src/lib/session-token.ts';
import { alertText, type ConsolePage, screenshot, signIn, unlabelledFields } from './browser.ts';
import { consoleHarness, logins } from './harness.ts';
import type { Platform } from './platform.ts';

const harness = consoleHarness();
const { open, as, api, userToken, configApi } = harness;
let platform: Platform;

beforeAll(() => {
  platform = harness.platform;
});

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

async function sessionCookie(tab: ConsolePage): Promise<string> {
  const cookies = await tab.context.cookies();
  const session = cookies.find((cookie) => cookie.name === 'trellis_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');
  return session?.value ?? '';
}

/** A session as the console seals it, with tokens users never issued. */
function madeUpSession(overrides: Partial<Session> = {}): Session {
  const now = Math.floor(Date.now() / 1000);
  return {
    userId: 'usr_x',
    email: 'admin@trellis.local',
    name: 'Forger',
    role: 'admin',
    sessionId: 'ses_x',
    accessToken: 'not-a-users-token',
    accessExpiresAt: now + 900,
    renewAt: now + 600,
    refreshToken: 'not-a-refresh-token',
    expiresAt: now + 3600,
    ...overrides,
  };
}

function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

interface User {
  id: string;
  name: string;
  email: string;
  status: string;
}

let createdUser: User;
let bookedMeetingUrl: string;

describe('signing in', () => {
  it('refuses a wrong password', async () => {
    const { page } = await open();
    await signIn(page, platform.adminUrl, logins.admin.email, 'not-the-password');
    expect(await alertText(page, 'wrong')).toContain('The email or password is wrong.');
    expect(pathOf(page)).toBe('/login');
    await screenshot(page, 'login-wrong-password');
  });

  it('refuses a member with a message saying why', async () => {
    const { page, context } = await open();
    await signIn(page, platform.adminUrl, logins.member.email, logins.member.password);
    const text = await alertText(page, 'console role');
    expect(text).toContain('member@trellis.local is a member without a console role');
    expect(text).toContain('ask an admin to grant you the operator role');
    expect((await context.cookies()).some((cookie) => cookie.name === 'trellis_session')).toBe(
      false,
    );
    await screenshot(page, 'login-member-refused');
  });

  it('signs the seeded admin in and shows who is signed in, with the role', async () => {
    const { page } = await as('admin');
    const signedIn = page.getByTestId('signed-in-as');
    await signedIn.waitFor();
    expect(await signedIn.textContent()).toContain('Trellis Admin');
    expect(await signedIn.textContent()).toContain('admin');
    for (const service of ['gateway', 'users', 'orders', 'meetings', 'config']) {
      expect(await page.getByTestId(`service-card-${service}`).textContent()).toContain('Up');
    }
    await screenshot(page, 'overview-signed-in');
  });

  it('reaches every login field and the button by keyboard, each with a label', async () => {
    const { page } = await open();
    await page.goto(`${platform.adminUrl}/login`);
    expect(await unlabelledFields(page)).toEqual([]);
    const focused: string[] = [];
    for (let step = 0; step < 3; step++) {
      await page.keyboard.press('Tab');
      focused.push(
        await page.evaluate(
          () => document.activeElement?.id || document.activeElement?.textContent || '',
        ),
      );
    }
    expect(focused).toEqual(['email', 'password', 'Sign in']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(logins.admin.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(logins.admin.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${platform.adminUrl}/`);
  });

  it('signs out', async () => {
    const { page } = await as('admin');
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.waitForURL(`${platform.adminUrl}/login`);
    await page.goto(`${platform.adminUrl}/users`);
    expect(pathOf(page)).toBe('/login?next=%2Fusers');
  });
});

describe('sessions', () => {
  it('sends a request without a session to the login page, never to data', async () => {
    for (const route of [
      '/',
      '/users',
      '/orders?status=paid',
      '/meetings',
      '/services',
      '/registry',
      '/config/dev/storefront',
    ]) {
      const response = await fetch(`${platform.adminUrl}${route}`, { redirect: 'manual' });
      expect(response.status).toBe(307);
      expect(response.headers.get('location')).toMatch(/\/login(\?next=|$)/);
      expect(await response.text()).not.toContain('@example');
    }
    const rsc = await fetch(`${platform.adminUrl}/users`, {
      headers: { rsc: '1' },
      redirect: 'manual',
    });
    expect(rsc.status).toBe(307);
  });

  it('rejects a forged or tampered cookie, and a session that expired, remembering the page', async () => {
    const { page, context } = await open();
    const url = new URL(platform.adminUrl);
    const key = deriveSessionKey(platform.sessionSecret);
    const forged = await sealSession(
      madeUpSession(),
      deriveSessionKey('a key the console never heard of!!'),
    );
    const real = await sealSession(madeUpSession(), key);
    const tampered = `${real.slice(0, -6)}${real.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`;
    const expired = await sealSession(
      madeUpSession({ expiresAt: Math.floor(Date.now() / 1000) - 3600 }),
      key,
      new Date(Date.now() - 2 * 3600_000),
    );
    for (const value of [forged, tampered, expired, 'not-even-a-token']) {
      await context.clearCookies();
      await context.addCookies([
        { name: 'trellis_session', value, domain: url.hostname, path: '/' },
      ]);
      await page.goto(`${platform.adminUrl}/orders?status=paid`);
      expect(pathOf(page)).toBe('/login?next=%2Forders%3Fstatus%3Dpaid');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    }
    // Sealed with the console's key and due for renewal, but users never issued its tokens.
    const unrenewable = await sealSession(
      madeUpSession({ renewAt: Math.floor(Date.now() / 1000) - 1 }),
      key,
    );
    await context.clearCookies();
    await context.addCookies([
      { name: 'trellis_session', value: unrenewable, domain: url.hostname, path: '/' },
    ]);
    await page.goto(`${platform.adminUrl}/orders?status=paid`);
    expect(pathOf(page)).toBe('/login?ended=1&next=%2Forders%3Fstatus%3Dpaid');
    await page.getByTestId('session-ended').waitFor();
    await screenshot(page, 'session-expired-login');
    await page.getByLabel('Email').fill(logins.admin.email);
    await page.getByLabel('Password').fill(logins.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${platform.adminUrl}/orders?status=paid`);
  });

  it('refuses a server action without a valid session, from an operator, or from another site', async () => {
    const users = await api<{ items: User[] }>(
      'users',
      '/v1/users?q=example&status=active&limit=1',
    );
    const target = users.items[0] as User;
    const admin = await as('admin');
    const operator = await as('operator');
    const adminCookie = await sessionCookie(admin);
    const operatorCookie = await sessionCookie(operator);

    let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
    admin.page.on('request', (request) => {
      if (request.method() === 'POST' && request.headers()['next-action']) {
        captured = {
          url: request.url(),
          headers: request.headers(),
          body: request.postDataBuffer() ?? Buffer.alloc(0),
        };
      }
    });
    await admin.page.goto(`${platform.adminUrl}/users/${target.id}`);
    await admin.page.getByRole('button', { name: 'Suspend user' }).click();
    await admin.page.getByText('is suspended.').waitFor();
    await api('users', `/v1/users/${target.id}/reactivate`, { method: 'POST' });
    const action = captured as NonNullable<typeof captured>;

    const replay = (cookie: string | undefined, origin = platform.adminUrl, url = action.url) =>
      fetch(url, {
        method: 'POST',
        redirect: 'manual',
        body: new Uint8Array(action.body),
        headers: {
          accept: 'text/x-component',
          'next-action': action.headers['next-action'] ?? '',
          'content-type': action.headers['content-type'] ?? '',
          origin,
          ...(cookie ? { cookie: `trellis_session=${cookie}` } : {}),
        },
      });
    const statusOfTarget = async () => (await api<User>('users', `/v1/users/${target.id}`)).status;

    const anonymous = await replay(undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-action-redirect')).toMatch(/^\/login/);
    expect((await replay(`${adminCookie.slice(0, -4)}AAAA`)).status).toBe(401);
    // The login page needs no session: an action posted there must still change nothing.
    const atLogin = await replay(undefined, platform.adminUrl, `${platform.adminUrl}/login`);
    expect(await atLogin.text()).not.toContain('is suspended');
    expect(await statusOfTarget()).toBe('active');
    const forged = await sealSession(
      madeUpSession(),
      deriveSessionKey('a key the console never heard of!!'),
    );
    expect((await replay(forged)).status).toBe(401);

    const asOperator = await replay(operatorCookie);
    expect(await asOperator.text()).toContain('Only admins may suspend users.');

    const crossSite = await replay(adminCookie, 'http://evil.example');
    expect(crossSite.status).toBe(403);
    expect(await statusOfTarget()).toBe('active');

    // The same request with the admin's session does go through: the refusals above were real.
    const genuine = await replay(adminCookie);
    expect(genuine.status).toBe(200);
    expect(await statusOfTarget()).toBe('suspended');
    await api('users', `/v1/users/${target.id}/reactivate`, { method: 'POST' });
  });

  it('refuses a form another site posts at the console, in a real browser', async () => {
    const evil = http.createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(
        `<form method="post" action="${platform.adminUrl}/login"><input name="email" value="${logins.admin.email}"><input name="password" value="${logins.admin.password}"></form><script>document.forms[0].submit()</script>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    try {
      const tab = await as('admin');
      const { page } = tab;
      const { port } = evil.address() as AddressInfo;
      const answered = page.waitForResponse(
        (response) =>
          response.url().startsWith(`${platform.adminUrl}/login`) &&
          response.request().method() === 'POST',
      );
      await page.goto(`http://127.0.0.1:${port}/`);
      const response = await answered;
      expect(response.status()).toBe(403);
      expect(await page.textContent('body')).toContain(
        'Cross-site requests may not change anything here.',
      );
      // The browser logs the refusal this test provoked; nothing else may be logged.
      const others = tab.errors.filter((error) => !error.includes('status of 403'));
      tab.errors.splice(0, tab.errors.length, ...others);
    } finally {
      evil.close();
    }
  });
});

describe('as an admin', () => {
  it('creates a user, showing the service’s field errors beside the fields first', async () => {
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/users/new`);
    expect(await unlabelledFields(page)).toEqual([]);
    await page.getByLabel('Name').fill('Edda Customer');
    await page.getByLabel('Email').fill(logins.operator.email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('Password must be at least 8 characters').waitFor();

    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('Email is already taken').waitFor();
    expect(await alertText(page, 'email')).toContain('That email already belongs to a user.');
    expect(await page.getByLabel('Name').inputValue()).toBe('Edda Customer');
    await screenshot(page, 'user-create-field-errors');

    const email = `edda.customer.${Date.now()}@example.com`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.waitForURL(/\/users\/usr_[0-9a-f]{32}\?created=1$/);
    await page.getByText('User created').waitFor();
    createdUser = await api<User>(
      'users',
      `/v1/users/${new URL(page.url()).pathname.split('/').at(-1)}`,
    );
    expect(createdUser).toMatchObject({ email, name: 'Edda Customer', status: 'active' });
    await screenshot(page, 'user-created');

    // The banner was the creation's: suspending answers with its own notice, in its place.
    await page.getByRole('button', { name: 'Suspend user' }).click();
    await page.getByText('Edda Customer is suspended.').waitFor();
    expect(await page.getByText('User created').count()).toBe(0);
    await screenshot(page, 'user-created-then-suspended');
    await page.getByRole('button', { name: 'Reactivate user' }).click();
    await page.getByText('Edda Customer is active again.').waitFor();
    expect(await page.getByText('Edda Customer is suspended.').count()).toBe(0);
    // Coming back to the address the creation sent us to: the user has changed since.
    await page.reload();
    await page.getByRole('button', { name: 'Suspend user' }).waitFor();
    expect(page.url()).toContain('?created=1');
    expect(await page.getByText('User created').count()).toBe(0);
  });

  it('says what an order is missing in sentences, under a title saying what failed', async () => {
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/orders/new`);
    await page.getByRole('button', { name: 'Place order' }).click();
    const alert = await alertText(page, 'Could not place the order');
    expect(alert).toContain('Check the highlighted fields.');
    await page.getByText('Customer is required: pick an active user.').waitFor();
    await page.getByText('SKU, line 1 is required: an order needs at least one line.').waitFor();
    expect(await page.textContent('main')).not.toContain('Not done');
    await screenshot(page, 'order-missing-fields');
  });

  it('creates an order for that user and pays it', async () => {
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/users`);
    await page.getByLabel('Search').fill('Edda');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('link', { name: 'Edda Customer' }).click();
    await page.getByRole('link', { name: 'New order' }).click();
    await page.waitForURL(/\/orders\/new\?userId=/);
    expect(await unlabelledFields(page)).toEqual([]);
    expect(await page.getByLabel('Customer').inputValue()).toBe(createdUser.id);

    await page.getByLabel('SKU, line 1').fill('SKU-MUG-CERAMIC');
    await page.getByLabel('Quantity').first().fill('2');
    await page.getByLabel('Unit price').first().fill('twelve');
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByLabel('SKU, line 2').fill('SKU-FILTER-PAPER-100');
    await page.getByLabel('Unit price').nth(1).fill('4.99');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByText('Unit price must be an amount like 12.50').waitFor();
    expect(await page.getByLabel('SKU, line 2').inputValue()).toBe('SKU-FILTER-PAPER-100');

    await page.getByLabel('Unit price').first().fill('12.00');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/ord_[0-9a-f]{32}\?created=1$/);
    await page.getByText('Order placed').waitFor();
    expect(await page.textContent('main')).toContain('€28.99');
    await page.getByRole('button', { name: 'Mark as paid' }).click();
    await page.getByText('The order is paid.').waitFor();
    await page.getByRole('button', { name: 'Refund' }).waitFor();
    // The one notice is the payment's: "Order placed — It waits for payment" is gone, and stays
    // gone when the page is loaded again from the address the placing sent us to.
    expect(await page.getByText('Order placed').count()).toBe(0);
    expect(await page.getByText('It waits for payment.').count()).toBe(0);
    expect(await page.getByRole('status').allTextContents()).toEqual([
      expect.stringContaining('The order is paid.'),
    ]);
    const orderId = new URL(page.url()).pathname.split('/').at(-1) as string;
    expect(
      (await api<{ status: string; userId: string }>('orders', `/v1/orders/${orderId}`)).status,
    ).toBe('paid');
    await screenshot(page, 'order-paid');
    await page.reload();
    await page.getByRole('button', { name: 'Refund' }).waitFor();
    expect(await page.getByText('Order placed').count()).toBe(0);
  });

  it('explains the 409 when someone else moved the order first', async () => {
    const order = await api<{ id: string }>('orders', '/v1/orders', {
      method: 'POST',
      body: JSON.stringify({
        userId: createdUser.id,
        currency: 'USD',
        items: [{ sku: 'SKU-SCALE-DIGITAL', quantity: 1, unitPriceCents: 3900 }],
      }),
    });
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/orders/${order.id}`);
    await page.getByRole('button', { name: 'Cancel order' }).waitFor();
    await api('orders', `/v1/orders/${order.id}/pay`, { method: 'POST' });
    await page.getByRole('button', { name: 'Cancel order' }).click();
    const text = await alertText(page, 'Could not cancel');
    expect(text).toContain('Could not cancel the order');
    expect(text).toContain('It is paid now: someone else changed it while you were looking.');
    await page.getByRole('button', { name: 'Mark as fulfilled' }).waitFor();
    await screenshot(page, 'order-conflict-explained');
  });

  it('shows the KPI cards and charts of orders and revenue that really render', async () => {
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/orders`);
    const kpis = page.getByTestId('order-kpis');
    await kpis.waitFor();
    for (const label of ['Orders today', 'Revenue today', 'Pending payment']) {
      expect(await kpis.textContent()).toContain(label);
    }
    await page.locator('.recharts-area-curve').first().waitFor();
    const curves = await page
      .locator('.recharts-area-curve')
      .evaluateAll((paths) => paths.map((path) => (path.getAttribute('d') ?? '').length));
    expect(curves.length).toBeGreaterThanOrEqual(3);
    expect(curves.every((length) => length > 100)).toBe(true);
    const strokes = await page
      .locator('.recharts-area-curve')
      .evaluateAll((paths) => paths.map((path) => getComputedStyle(path).stroke));
    expect(strokes.every((stroke) => stroke !== 'none' && stroke !== '')).toBe(true);
    await page.getByLabel('Status').selectOption('paid');
    await page.getByLabel('Customer').fill(createdUser.email);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Orders of Edda Customer').waitFor();
    await screenshot(page, 'orders');
  });

  it('books a room, then fails to double-book it with the reason shown', async () => {
    const { page } = await as('admin');
    const day = dayFromToday(45);
    await page.goto(`${platform.adminUrl}/meetings`);
    await page.getByRole('link', { name: 'New meeting' }).click();
    expect(await unlabelledFields(page)).toEqual([]);
    const book = async (
      title: string,
      room: string,
      start: string,
      end: string,
      people: string[],
    ) => {
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Room', { exact: true }).selectOption({ label: room });
      await page.getByLabel('Day').fill(day);
      await page.getByLabel('Starts (UTC)').fill(start);
      await page.getByLabel('Ends (UTC)').fill(end);
      for (const person of people) {
        await page.getByRole('checkbox', { name: person }).check();
      }
      await page.getByRole('button', { name: 'Book the room' }).click();
    };
    await book('Quarterly planning', 'Cedar (seats 4)', '10:00', '11:00', [
      'Trellis Operator',
      'Edda Customer',
    ]);
    await page.waitForURL(/\/meetings\/mtg_[0-9a-f]{32}\?created=1$/);
    await page.getByText('Room booked').waitFor();
    bookedMeetingUrl = page.url().replace('?created=1', '');

    await page.goto(`${platform.adminUrl}/meetings/new`);
    await book('Clashing sync', 'Cedar (seats 4)', '10:30', '11:30', []);
    const text = await alertText(page, 'slot is taken');
    expect(text).toContain(
      'That slot is taken: Cedar is already booked by “Quarterly planning” (10:00–11:00 UTC)',
    );
    expect(text).toContain('Pick another time or room.');
    expect(await page.getByLabel('Title').inputValue()).toBe('Clashing sync');
    await screenshot(page, 'meeting-double-booked');

    await page.goto(bookedMeetingUrl);
    await page.getByRole('link', { name: /Cedar/ }).click();
    await page.getByTestId('room-day-view').getByText('Quarterly planning').waitFor();
    await screenshot(page, 'room-day-view');
  });

  it('refuses a meeting with more people than the room seats, saying so', async () => {
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/meetings/new`);
    await page.getByLabel('Title').fill('Too many for a booth');
    await page.getByLabel('Room', { exact: true }).selectOption({ label: 'Fjord (seats 2)' });
    await page.getByLabel('Day').fill(dayFromToday(46));
    await page.getByRole('checkbox', { name: 'Trellis Operator' }).check();
    await page.getByRole('checkbox', { name: 'Edda Customer' }).check();
    await page.getByRole('button', { name: 'Book the room' }).click();
    const text = await alertText(page, 'Too many people');
    expect(text).toContain('Could not book the room');
    expect(text).toContain('it seats 2, but the organizer and 2 attendees make 3');
    await page
      .getByText('Attendees must fit the room, which seats 2 people with the organizer.')
      .waitFor();
    await screenshot(page, 'meeting-over-capacity');
  });

  it('counts every booking of the day per room, with more than a page of meetings that day', async () => {
    const rooms = await Promise.all(
      ['Tally Alpha', 'Tally Beta', 'Tally Gamma'].map((name) =>
        api<{ id: string }>('meetings', '/v1/rooms', {
          method: 'POST',
          body: JSON.stringify({ name, capacity: 6 }),
        }),
      ),
    );
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/meetings`);
    // The day the page counts, as it links each room's day: no guessing at midnight.
    const href = (await page.getByRole('link', { name: 'Tally Alpha' }).getAttribute('href')) ?? '';
    const day = new URL(href, platform.adminUrl).searchParams.get('date') ?? '';
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const planned = [120, 9, 10];
    // Alpha's 120 meetings start the day, so the first page (100) of the day's list holds
    // nothing of Beta's or Gamma's: a count taken from that page would say 0 for both.
    const slots = rooms.flatMap((room, index) => {
      const minutes = index === 0 ? 5 : 30;
      const first = Date.parse(`${day}T${index === 0 ? '00' : '12'}:00:00Z`);
      return Array.from({ length: planned[index] ?? 0 }, (_, slot) => ({
        id: newId('meeting'),
        title: `Tally ${slot + 1}`,
        organizerId: createdUser.id,
        roomId: room.id,
        startsAt: new Date(first + slot * minutes * 60_000),
        endsAt: new Date(first + (slot + 1) * minutes * 60_000),
      }));
    });
    await platform.database.db.insert(meetings).values(slots);
    const counted = await api<{ total: number; rooms: { roomId: string; bookings: number }[] }>(
      'meetings',
      `/v1/rooms/bookings?day=${day}`,
    );
    expect(counted.total).toBeGreaterThan(100);

    await page.reload();
    for (const [index, room] of rooms.entries()) {
      expect(await page.getByTestId(`bookings-${room.id}`).textContent()).toBe(
        String(planned[index]),
      );
    }
    // Every room, seeded ones included, shows what the service counts.
    const serviceCounts = new Map(counted.rooms.map((each) => [each.roomId, each.bookings]));
    const cells = await page
      .locator('[data-testid^="bookings-room_"]')
      .evaluateAll((each) =>
        each.map((cell) => [cell.getAttribute('data-testid'), cell.textContent] as const),
      );
    expect(cells.length).toBeGreaterThanOrEqual(3);
    for (const [testId, text] of cells) {
      const roomId = testId?.replace('bookings-', '') ?? '';
      expect(Number(text), roomId).toBe(serviceCounts.get(roomId) ?? 0);
    }
    await screenshot(page, 'meetings-bookings-today');
  });

  it('records an RSVP and cancels the meeting', async () => {
    const { page } = await as('admin');
    await page.goto(bookedMeetingUrl);
    await page.getByLabel('Response of Edda Customer').selectOption('declined');
    await page
      .getByRole('row', { name: /Edda Customer/ })
      .getByRole('button', { name: 'Record' })
      .click();
    await page.getByText('Recorded: declined.').waitFor();
    await page.getByRole('button', { name: 'Cancel meeting' }).click();
    await page.getByText('The meeting is cancelled and its room is free again.').waitFor();
    expect(await page.textContent('main')).toContain('Cancelled');
    await screenshot(page, 'meeting-cancelled');
  });

  it('suspends and reactivates a user', async () => {
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/users/${createdUser.id}`);
    await page.getByRole('button', { name: 'Suspend user' }).click();
    await page.getByText('Edda Customer is suspended.').waitFor();
    expect((await api<User>('users', `/v1/users/${createdUser.id}`)).status).toBe('suspended');
    await page.getByRole('button', { name: 'Reactivate user' }).click();
    await page.getByText('Edda Customer is active again.').waitFor();
    expect((await api<User>('users', `/v1/users/${createdUser.id}`)).status).toBe('active');
  });

  it('lists each service with its health and links to its docs and contract', async () => {
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/services`);
    for (const service of ['users', 'orders', 'meetings'] as const) {
      const row = page.getByTestId(`instance-${service}`).first();
      expect(await row.textContent()).toContain('Ready');
      expect(await row.getByRole('link', { name: 'Docs' }).getAttribute('href')).toBe(
        `${platform.serviceUrls[service]}/docs`,
      );
      expect(await row.getByRole('link', { name: 'OpenAPI' }).getAttribute('href')).toBe(
        `${platform.serviceUrls[service]}/openapi.json`,
      );
    }
    await screenshot(page, 'services');
  });

  it('is usable at tablet width and in the dark theme, which it remembers', async () => {
    const { page } = await as('admin', { width: 768, height: 1024 });
    for (const area of [
      'Overview',
      'Services',
      'Instances',
      'Config',
      'Users',
      'Orders',
      'Meetings',
    ]) {
      expect(await page.getByRole('link', { name: area, exact: true }).isVisible()).toBe(true);
    }
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await page.waitForURL(`${platform.adminUrl}/orders`);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.className)).toContain('dark');
    await page.locator('.recharts-area-curve').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      768,
    );
    await screenshot(page, 'tablet-orders-dark');
    await page.goto(`${platform.adminUrl}/meetings/new`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      768,
    );
    await screenshot(page, 'tablet-new-meeting-dark');
  });

  it('shows each service up with figures that refresh on their own', async () => {
    const { page } = await as('admin');
    const first = await page.getByText(/Refreshes every 5 s · last at/).textContent();
    await page.waitForFunction(
      (before) => !document.body.textContent?.includes(before ?? ''),
      first,
      { timeout: 15_000 },
    );
    const services = ['gateway', 'users', 'orders', 'meetings', 'config', 'messaging'];
    for (const service of services) {
      const card = page.getByTestId(`service-card-${service}`);
      expect(await card.textContent()).toContain('Up');
      expect(await card.textContent()).toMatch(/Request figures over the last \d+ s/);
    }
    await page.waitForFunction(
      (count) =>
        document.querySelectorAll('[data-testid^="rate-trend-"] .recharts-area-curve').length ===
        count,
      services.length,
      { timeout: 15_000 },
    );
    const file = await screenshot(page, 'overview', false);
    if (process.env.TRELLIS_DOCS_SCREENSHOTS === '1') {
      const docs = path.join(adminDir, '..', 'docs');
      await mkdir(docs, { recursive: true });
      await copyFile(file, path.join(docs, 'overview.png'));
    }
  });
});

describe('as an operator', () => {
  it('sees no refund or suspend button, nor the roles an admin grants', async () => {
    const { page } = await as('operator');
    const paid = await api<{ items: { id: string }[] }>('orders', '/v1/orders?status=paid&limit=1');
    await page.goto(`${platform.adminUrl}/orders/${paid.items[0]?.id}`);
    await page.getByRole('button', { name: 'Mark as fulfilled' }).waitFor();
    expect(await page.getByRole('button', { name: 'Refund' }).count()).toBe(0);
    await screenshot(page, 'operator-paid-order');

    await page.goto(`${platform.adminUrl}/users/${createdUser.id}`);
    await page.getByText('Only admins may suspend or reactivate users.').waitFor();
    expect(await page.getByRole('button', { name: /Suspend|Reactivate/ }).count()).toBe(0);

    await page.goto(`${platform.adminUrl}/users/new`);
    expect(await page.getByRole('checkbox', { name: 'admin' }).count()).toBe(0);
    await page.getByText('Only an admin may grant the operator or admin role.').waitFor();
  });
});

describe('the config center', () => {
  const service = 'storefront';
  const secret = 'sk_live_e2e_plaintext_4f9c2a7d';
  const storefrontSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {
      logLevel: {
        type: 'string',
        enum: ['debug', 'info', 'warn', 'error'],
        default: 'info',
        description: 'The least severe level written to the log',
      },
      maxItems: {
        type: 'integer',
        minimum: 1,
        maximum: 100,
        default: 20,
        description: 'The most items one order may hold',
      },
      newCheckout: {
        type: 'boolean',
        default: false,
        description: 'Feature flag: the new checkout flow',
      },
      paymentApiKey: { type: 'string', description: 'Key of the payment provider' },
    },
    additionalProperties: false,
  };
  let instanceServer: http.Server;
  let instanceUrl: string;

  /** What an instance of the storefront tells the center after it applied a revision. */
  async function reportApplied(instanceId: string, revision: number) {
    const reported = await configApi(`/v1/config/dev/${service}/applied`, {
      method: 'POST',
      token: await platform.serviceToken(service),
      body: JSON.stringify({ instanceId, revision, status: 'applied' }),
    });
    expect(reported.status).toBe(204);
  }

  async function openDraft(page: Page, namespace: string) {
    await page.goto(`${platform.adminUrl}/config/${namespace}/${service}`);
    await page.getByRole('button', { name: 'Save draft' }).waitFor();
  }

  async function saveDraft(page: Page) {
    await page.getByRole('button', { name: 'Save draft' }).click();
  }

  beforeAll(async () => {
    // The storefront stands in for a service that declared its config and runs two instances:
    // it uploads its schema and registers the way the kit does at start.
    const token = await platform.serviceToken(service);
    const uploaded = await configApi(`/v1/config/schemas/${service}`, {
      method: 'PUT',
      token,
      body: JSON.stringify({ jsonSchema: storefrontSchema, secretKeys: ['paymentApiKey'] }),
    });
    expect(uploaded.status).toBe(200);
    instanceServer = http.createServer((request, response) => {
      const answers: Record<string, unknown> = {
        '/healthz': { status: 'ok', version: '2.3.0', instance: 'storefront-1', uptimeSeconds: 42 },
        '/readyz': { status: 'ok', checks: { database: 'ok' } },
      };
      const answer = answers[request.url ?? ''];
      response.statusCode = answer ? 200 : 404;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(answer ?? {}));
    });
    await new Promise<void>((resolve) => instanceServer.listen(0, '127.0.0.1', resolve));
    instanceUrl = `http://127.0.0.1:${(instanceServer.address() as AddressInfo).port}`;
    for (const [instanceId, labels, weight] of [
      ['storefront-1', { zone: 'a', tier: 'canary' }, 100],
      ['storefront-2', { zone: 'b' }, 50],
    ] as const) {
      const registered = await configApi('/v1/registry/instances', {
        method: 'POST',
        token,
        body: JSON.stringify({
          service,
          instanceId,
          address: instanceUrl,
          version: '2.3.0',
          labels,
          weight,
          ttlSeconds: 3600,
        }),
      });
      expect(registered.status).toBe(201);
    }
  });

  afterAll(() => {
    instanceServer?.close();
  });

  it('publishes a draft edited in the form the schema gives, showing the diff first', async () => {
    const { page } = await as('admin');
    await page.getByRole('link', { name: 'Config', exact: true }).click();
    await page.waitForURL(`${platform.adminUrl}/config`);
    await page.getByTestId(`config-service-dev-${service}`).getByRole('link').click();
    await page.waitForURL(`${platform.adminUrl}/config/dev/${service}`);
    expect(await unlabelledFields(page)).toEqual([]);
    expect(await page.getByLabel('logLevel').evaluate((field) => field.tagName)).toBe('SELECT');
    expect(await page.getByLabel('maxItems').getAttribute('max')).toBe('100');
    expect(await page.getByLabel('newCheckout').getAttribute('type')).toBe('checkbox');
    await screenshot(page, 'config-draft-empty');

    await page.getByLabel('logLevel').selectOption('debug');
    await page.getByLabel('maxItems').fill('50');
    await page.getByLabel('newCheckout').check();
    await page.getByLabel('paymentApiKey').fill(secret);
    await saveDraft(page);
    await page.getByText('Draft saved.').waitFor();
    const diff = page.getByTestId('draft-diff');
    await diff.getByText('paymentApiKey').waitFor();
    const diffText = (await diff.textContent()) ?? '';
    for (const expected of ['logLevel', '"debug"', 'maxItems', '50', 'newCheckout', '••••••']) {
      expect(diffText).toContain(expected);
    }
    expect(await page.getByLabel('paymentApiKey').inputValue()).toBe('••••••');
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'config-draft-diff');

    await page.getByLabel('Comment').fill('Debug the new checkout');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published: revision 1 is live.').waitFor();
    // Publishing answers in place of the save: the draft's "saved" is old news.
    expect(await page.getByText('Draft saved.').count()).toBe(0);
    await page.getByText('The draft equals live revision 1: nothing to publish.').waitFor();

    await page.getByRole('link', { name: 'History' }).click();
    const release = page.getByTestId('release-1');
    await release.waitFor();
    expect(await release.textContent()).toContain('Debug the new checkout');
    expect(await release.textContent()).toContain(logins.admin.email);
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'config-history-first-release');

    // Stored and handed to its own service in clear, masked for everyone else.
    const effective = await configApi(
      `/v1/config/dev/${service}/effective?instanceId=storefront-1`,
      {
        token: await platform.serviceToken(service),
      },
    );
    expect(effective.body).toMatchObject({ revision: 1, values: { paymentApiKey: secret } });
    const asAdmin = await configApi(`/v1/config/dev/${service}/releases/1`, {
      token: await userToken(logins.admin),
    });
    expect(asAdmin.body).toMatchObject({
      author: logins.admin.email,
      values: { logLevel: 'debug', maxItems: 50, newCheckout: true, paymentApiKey: '••••••' },
    });
  });

  it('shows the field error the center gives for a value the schema refuses, keeping it typed', async () => {
    const { page } = await as('operator');
    await openDraft(page, 'dev');
    await page.getByLabel('maxItems').fill('500');
    await saveDraft(page);
    await page.getByText('maxItems must be <= 100').waitFor();
    const refusal = await alertText(page, 'refused');
    expect(refusal).toContain('Could not save the draft');
    expect(refusal).toContain(
      'The config center refused some values: check the highlighted fields.',
    );
    expect(await page.getByLabel('maxItems').inputValue()).toBe('500');
    expect(await page.getByLabel('maxItems').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'config-draft-field-error');

    await page.getByRole('button', { name: 'Raw JSON' }).click();
    const raw = page.getByLabel('Raw JSON');
    const json = JSON.parse(await raw.inputValue());
    expect(json).toEqual({
      logLevel: 'debug',
      maxItems: 500,
      newCheckout: true,
      paymentApiKey: '••••••',
    });
    await raw.fill(JSON.stringify({ ...json, maxItems: 40, logLevel: 'verbose' }, null, 2));
    await saveDraft(page);
    await page.getByText('logLevel must be one of').waitFor();
    await screenshot(page, 'config-draft-json-error');
    await page.getByRole('button', { name: 'Form', exact: true }).click();
    expect(await page.getByLabel('maxItems').inputValue()).toBe('40');

    const draft = await configApi(`/v1/config/dev/${service}/draft`, {
      token: await userToken(logins.admin),
    });
    expect(draft.body).toMatchObject({ values: { maxItems: 50, logLevel: 'debug' } });
  });

  it('rolls back to an earlier revision as a new revision with its values', async () => {
    const { page } = await as('admin');
    await openDraft(page, 'dev');
    await page.getByLabel('logLevel').selectOption('warn');
    await saveDraft(page);
    await page.getByText('Draft saved.').waitFor();
    await page.getByLabel('Comment').fill('Quieter logs');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published: revision 2 is live.').waitFor();

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByTestId('release-2').waitFor();
    expect(await page.getByTestId('release-diff').textContent()).toContain('"warn"');
    await page.getByLabel('Revision to restore').selectOption('1');
    await page.getByLabel('Comment').fill('Back to debug');
    await page.getByRole('button', { name: 'Roll back' }).click();
    await page
      .getByText('Rolled back: revision 3 is live with the values of revision 1.')
      .waitFor();
    const row = page.getByTestId('release-3');
    await row.waitFor();
    expect(await row.textContent()).toContain('Rollback to r1');
    expect(await row.textContent()).toContain('Back to debug');

    await page.getByLabel('From', { exact: true }).selectOption('1');
    await page.getByLabel('To', { exact: true }).selectOption('3');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForURL(/from=1&to=3/);
    await page.getByText('The two releases hold the same values.').waitFor();
    await screenshot(page, 'config-history-rollback');

    const rolledBack = await configApi(`/v1/config/dev/${service}/releases/3`, {
      token: await userToken(logins.admin),
    });
    expect(rolledBack.body).toMatchObject({
      kind: 'rollback',
      rolledBackTo: 1,
      values: { logLevel: 'debug', maxItems: 50, newCheckout: true, paymentApiKey: '••••••' },
    });
  });

  it('releases to labelled instances first, shows who applied it, then promotes it', async () => {
    await reportApplied('storefront-1', 3);
    await reportApplied('storefront-2', 3);
    const { page } = await as('operator');
    await openDraft(page, 'dev');
    await page.getByLabel('maxItems').fill('75');
    await saveDraft(page);
    await page.getByText('Draft saved.').waitFor();
    await page.getByLabel('Gray: instances labelled').check();
    await page.getByLabel('Labels of the gray instances').fill('tier:canary');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Revision 4 is live as a gray release.').waitFor();
    const progress = page.getByTestId('gray-progress');
    await progress.getByText('0 of 1 targeted instances run revision 4 (2 watching dev)').waitFor();
    await reportApplied('storefront-1', 4);
    await page.reload();
    await progress.getByText('1 of 1 targeted instances run revision 4').waitFor();
    await screenshot(page, 'config-gray-release');

    await page.getByRole('button', { name: 'Promote to every instance' }).click();
    await page.getByText('Promoted: revision 5 gives the gray values to every instance.').waitFor();
    expect(await page.getByTestId('gray-release').count()).toBe(0);
    await reportApplied('storefront-1', 5);
    await reportApplied('storefront-2', 5);
  });

  it('turns a publish in a protected namespace into a request its author cannot approve', async () => {
    const admin = await as('admin');
    await openDraft(admin.page, 'prod');
    expect(await admin.page.getByTestId('config-state').textContent()).toContain('Protected');
    await admin.page.getByLabel('logLevel').selectOption('warn');
    await admin.page.getByLabel('paymentApiKey').fill(secret);
    await saveDraft(admin.page);
    await admin.page.getByText('Draft saved.').waitFor();
    await admin.page.getByLabel('Comment').fill('Production key');
    await admin.page.getByRole('button', { name: 'Request approval' }).click();
    await admin.page
      .getByText(/Change request #\d+ is waiting for another admin's approval\./)
      .waitFor();
    const request = admin.page.locator('[data-testid^="change-request-"]');
    await request.waitFor();
    expect(await request.getByTestId('approval-note').textContent()).toContain(
      'the author of a change cannot approve it: another admin must',
    );
    expect(await request.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await request.getByRole('button', { name: 'Withdraw' }).waitFor();
    expect(await admin.page.content()).not.toContain(secret);
    await screenshot(admin.page, 'config-change-request-author');

    // The center refuses the author anyway, whatever the console shows.
    const id = Number((await request.getAttribute('data-testid'))?.split('-').at(-1));
    const own = await configApi(`/v1/config/prod/${service}/change-requests/${id}/approve`, {
      method: 'POST',
      token: await userToken(logins.admin),
      body: JSON.stringify({ comment: 'my own' }),
    });
    expect(own.status).toBe(403);

    const operator = await as('operator');
    await openDraft(operator.page, 'prod');
    const seen = operator.page.getByTestId(`change-request-${id}`);
    expect(await seen.getByTestId('approval-note').textContent()).toContain(
      'Only admins may approve or reject config changes.',
    );
    expect(await seen.getByRole('button', { name: /Approve|Reject/ }).count()).toBe(0);

    const second = {
      email: `second.admin.${Date.now()}@example.com`,
      password: 'a second admin password',
    };
    await api('users', '/v1/users', {
      method: 'POST',
      body: JSON.stringify({ name: 'Second Admin', roles: ['admin'], ...second }),
    });
    const approver = await open();
    await signIn(approver.page, platform.adminUrl, second.email, second.password);
    await approver.page.waitForURL(`${platform.adminUrl}/`);
    await openDraft(approver.page, 'prod');
    const pending = approver.page.getByTestId(`change-request-${id}`);
    await pending.getByLabel('Comment').fill('Looks right');
    await pending.getByRole('button', { name: 'Approve' }).click();
    await approver.page.getByText('Approved: revision 1 is live.').waitFor();
    await approver.page.getByRole('link', { name: 'History' }).click();
    const release = approver.page.getByTestId('release-1');
    await release.waitFor();
    expect(await release.textContent()).toContain(`approved by ${second.email}`);
    expect(await release.textContent()).toContain(logins.admin.email);
  });

  it('never puts a secret in clear into a page', async () => {
    const { page } = await as('admin');
    for (const route of [
      '/config',
      `/config/dev/${service}`,
      `/config/dev/${service}/history?from=0&to=1`,
      `/config/dev/${service}/audit`,
      `/config/prod/${service}`,
      `/config/prod/${service}/history?from=0&to=1`,
      `/config/prod/${service}/audit`,
      '/registry',
    ]) {
      await page.goto(`${platform.adminUrl}${route}`);
      expect(await page.content(), route).not.toContain(secret);
      if (route === '/config') {
        await screenshot(page, 'config-namespaces');
      }
    }
    await page.goto(`${platform.adminUrl}/config/dev/${service}/audit`);
    const text = (await page.textContent('main')) ?? '';
    for (const action of ['Published', 'Rolled back', 'Gray release', 'Promoted', 'Draft saved']) {
      expect(text).toContain(action);
    }
    expect(text).toContain('paymentApiKey: – → "••••••"');
    await screenshot(page, 'config-audit');
    await page.goto(`${platform.adminUrl}/config/dev/${service}`);
    await page.getByRole('button', { name: 'Raw JSON' }).click();
    expect(await page.getByLabel('Raw JSON').inputValue()).toContain('"paymentApiKey": "••••••"');
    expect(await page.content()).not.toContain(secret);
  });

  it('fits the config pages at tablet width in the dark theme', async () => {
    const { page } = await as('operator', { width: 768, height: 1024, colorScheme: 'dark' });
    for (const [route, name] of [
      [`/config/dev/${service}`, 'tablet-config-draft-dark'],
      [`/config/dev/${service}/history`, 'tablet-config-history-dark'],
      ['/registry', 'tablet-registry-dark'],
    ] as const) {
      await page.goto(`${platform.adminUrl}${route}`);
      await page.locator('main h1').waitFor();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        route,
      ).toBeLessThanOrEqual(768);
      await screenshot(page, name);
    }
  });

  it("lays out a service's shipped rules inside the config card instead of one long line", async () => {
    const { page } = await as('admin', { width: 1024, height: 800 });
    await page.goto(`${platform.adminUrl}/config/dev/orders`);
    const field = page.getByTestId('config-field-resilience');
    await field.getByText('Default value').click();
    const shown = field.locator('pre');
    await shown.waitFor();
    expect(await shown.textContent()).toContain('\n  "breakers": [');
    const fits = await shown.evaluate((pre) => pre.scrollWidth <= pre.clientWidth);
    expect(fits).toBe(true);
    const card = await page.getByRole('form', { name: 'Draft' }).boundingBox();
    const box = await shown.boundingBox();
    expect(box && card && box.x + box.width <= card.x + card.width + 1).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1024,
    );
    await shown.scrollIntoViewIfNeeded();
    await screenshot(page, 'config-shipped-rules', false);
  });

  it('lists registered instances with the config each applied, refreshing on its own', async () => {
    const { page } = await as('operator');
    await page.getByRole('link', { name: 'Instances', exact: true }).click();
    await page.waitForURL(`${platform.adminUrl}/registry`);
    const first = page.getByTestId('registry-instance-storefront-1');
    await first.waitFor();
    const text = (await first.textContent()) ?? '';
    for (const expected of [
      'Healthy',
      '2.3.0',
      'zone: a',
      'tier: canary',
      '100',
      'dev r5',
      'Applied',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await page.getByTestId('registry-namespace-storefront-1').textContent()).toBe('dev');
    expect(await page.getByTestId('registry-instance-storefront-2').textContent()).toContain('50');
    expect(await page.getByTestId(`registry-${service}`).textContent()).toContain(
      '2 healthy of 2 seen',
    );
    const before = await page.getByText(/Refreshes every 5 s · last at/).textContent();
    await page.waitForFunction(
      (shown) => !document.body.textContent?.includes(shown ?? ''),
      before,
      { timeout: 15_000 },
    );
    await screenshot(page, 'registry');

    await page.getByRole('link', { name: 'Services', exact: true }).click();
    await page.waitForURL(`${platform.adminUrl}/services`);
    const rows = page.getByTestId(`instance-${service}`);
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('registered');
    expect(await rows.first().textContent()).toContain('Ready');
    expect(await page.getByTestId('instance-config').first().textContent()).toContain('Ready');
    await screenshot(page, 'services-registered');
  });
});

describe('when a service is down', () => {
  it('shows it down on the overview and says so on its pages', async () => {
    await platform.stopService('meetings');
    const { page } = await as('admin');
    const card = page.getByTestId('service-card-meetings');
    expect(await card.textContent()).toContain('Down');
    expect(await card.textContent()).toContain('No answer from the service');
    expect(await page.getByTestId('service-card-users').textContent()).toContain('Up');
    await screenshot(page, 'overview-meetings-down');
    await page.goto(`${platform.adminUrl}/meetings`);
    expect(await alertText(page, 'not answering')).toContain(
      'The meetings service is not answering',
    );
    await screenshot(page, 'meetings-down');
  });
});
