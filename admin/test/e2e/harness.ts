import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { type ConsolePage, launchChromium, openConsole, signIn } from './browser.ts';
import {
  type Platform,
  type PlatformOptions,
  type ServiceName,
  startPlatform,
} from './platform.ts';

/** The seeded people, one per role. */
export const logins = {
  admin: { email: 'admin@trellis.local', password: 'trellis-admin' },
  operator: { email: 'operator@trellis.local', password: 'trellis-operator' },
  member: { email: 'member@trellis.local', password: 'trellis-member' },
};

export type Login = (typeof logins)[keyof typeof logins];
type TabOptions = Parameters<typeof openConsole>[1];

export interface ConsoleHarness {
  /** Set once the file's `beforeAll` has run. */
  readonly platform: Platform;
  /** A fresh browser tab, closed (and checked for console errors) after the test. */
  open(options?: TabOptions): Promise<ConsolePage>;
  /** A fresh tab signed in as one of the seeded people, on the overview. */
  as(role: keyof typeof logins, options?: TabOptions): Promise<ConsolePage>;
  /** Calls a service directly as the seeded admin (unless `init` names another bearer), expecting a 2xx JSON answer. */
  api<T>(service: ServiceName, route: string, init?: RequestInit): Promise<T>;
  /** A users-service access token, as the console holds for whoever signed in. */
  userToken(login: Login): Promise<string>;
  /** `{ authorization: 'Bearer …' }` with a live access token of `login`. */
  bearerOf(login: Login): Promise<Record<string, string>>;
  /** Calls the config center (or registry) with a bearer token; any status. */
  configApi(
    route: string,
    init: RequestInit & { token: string },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * One platform and one browser for a test file, booted before its first test. Every page a
 * test visited must have run without a console error or an uncaught exception.
 */
export function consoleHarness(options: PlatformOptions = {}): ConsoleHarness {
  let platform: Platform | undefined;
  let browser: Browser | undefined;
  const opened: ConsolePage[] = [];
  // Access tokens by email, reused until the last third of their life.
  const tokens = new Map<string, { token: string; renewAt: number }>();

  beforeAll(async () => {
    // Settled, not all: when one fails, the other is still kept so that afterAll stops it.
    const [started, launched] = await Promise.allSettled([
      startPlatform(inject('adminDatabaseUrl'), options),
      launchChromium(),
    ]);
    platform = started.status === 'fulfilled' ? started.value : undefined;
    browser = launched.status === 'fulfilled' ? launched.value : undefined;
    for (const result of [started, launched]) {
      if (result.status === 'rejected') {
        throw result.reason;
      }
    }
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 60_000);

  afterEach(async () => {
    const errors = opened.flatMap((tab) => tab.errors);
    await Promise.all(opened.splice(0).map((tab) => tab.context.close()));
    expect(errors).toEqual([]);
  });

  const harness: ConsoleHarness = {
    get platform() {
      if (!platform) {
        throw new Error('The platform is not started yet: use it inside a test or hook.');
      }
      return platform;
    },
    async open(options) {
      if (!browser) {
        throw new Error('The browser is not started yet: use it inside a test or hook.');
      }
      const tab = await openConsole(browser, options);
      opened.push(tab);
      return tab;
    },
    async as(role, options) {
      const tab = await harness.open(options);
      const { adminUrl } = harness.platform;
      await signIn(tab.page, adminUrl, logins[role].email, logins[role].password);
      await tab.page.waitForURL(`${adminUrl}/`);
      return tab;
    },
    async api<T>(service: ServiceName, route: string, init?: RequestInit) {
      const response = await fetch(`${harness.platform.serviceUrls[service]}${route}`, {
        ...init,
        headers: {
          'content-type': 'application/json',
          ...(await harness.bearerOf(logins.admin)),
          ...init?.headers,
        },
      });
      expect(response.ok, `${route} answered ${response.status}`).toBe(true);
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async userToken(login) {
      const known = tokens.get(login.email);
      if (known && Date.now() < known.renewAt) {
        return known.token;
      }
      const response = await fetch(`${harness.platform.serviceUrls.users}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(login),
      });
      expect(response.status, `signing ${login.email} in`).toBe(201);
      const session = (await response.json()) as { accessToken: string; expiresIn: number };
      const renewAt = Date.now() + (session.expiresIn * 1000 * 2) / 3;
      tokens.set(login.email, { token: session.accessToken, renewAt });
      return session.accessToken;
    },
    async bearerOf(login) {
      return { authorization: `Bearer ${await harness.userToken(login)}` };
    },
    async configApi(route, init) {
      const response = await fetch(`${harness.platform.serviceUrls.config}${route}`, {
        ...init,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${init.token}`,
          ...init.headers,
        },
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : {} };
    },
  };
  return harness;
}
