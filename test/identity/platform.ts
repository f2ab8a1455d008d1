import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newId, schema } from '@trellis/db';
import { freePort } from '@trellis/db/embedded';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import {
  generateServiceKey,
  type ServiceKeyPair,
  serviceTokenSigner,
  trustSetOf,
} from '@trellis/kit';
import { hashPassword } from '../../services/users/src/password.ts';
import { type ServiceProcess, startServiceProcess } from '../service-process.ts';

/**
 * The platform as `npm start` runs it, each service a process from its main.ts on a fresh
 * database: the config center (and registry), users, orders, meetings and, once it exists, the
 * gateway. Each service has its own Ed25519 key pair and trusts the others' public keys; user
 * tokens are users' own, checked against its JWKS. The test holds every service's private key,
 * as an attacker who stole one would hold one. One admin is seeded straight into the database,
 * as an operator bootstraps a fresh install. Given a Redis (`redisUrl`), every service gets
 * REDIS_URL, so their subscriptions run, and messaging (relay, push workers) runs too, as
 * `npm start` runs it.
 */

export const identityServices = ['config', 'users', 'orders', 'meetings', 'gateway'] as const;
/** Every service the platform may run: messaging too once the platform is given Redis. */
const allServices = [...identityServices, 'messaging'] as const;
export type IdentityService = (typeof allServices)[number];

export interface Account {
  id: string;
  email: string;
  password: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; roles: string[] };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface CallOptions {
  json?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export interface IdentityPlatform {
  database: TestDatabase;
  /** The services running, by name; the gateway only once services/gateway exists. */
  services: Partial<Record<IdentityService, ServiceProcess>>;
  url(service: IdentityService): string;
  keys: Record<IdentityService, ServiceKeyPair>;
  metricsToken: string;
  /** Users' TOKEN_KEY_ENCRYPTION_KEY, base64: what seals its signing keys in Postgres. */
  tokenKeyEncryptionKey: string;
  accessTtlSeconds: number;
  /** The account seeded as admin. */
  admin: Account;
  call(
    service: IdentityService,
    method: string,
    route: string,
    options?: CallOptions,
  ): Promise<Answer>;
  signIn(account: Pick<Account, 'email' | 'password'>): Promise<Session>;
  /** An access token of the account with at least a second to live, signing in when needed. */
  token(account: Pick<Account, 'email' | 'password'>): Promise<string>;
  /** `token(admin)`. */
  adminToken(): Promise<string>;
  /** An account made by the seeded admin, with these roles and a password. */
  createAccount(label: string, roles?: string[]): Promise<Account>;
  /** An API key with every scope, made by the seeded admin once: an outside consumer's. */
  consumerKey(): Promise<string>;
  /** A token of `service` for `audience`, signed with `service`'s own key. */
  serviceToken(service: IdentityService, audience: string): Promise<string>;
  stop(): Promise<void>;
}

export interface IdentityPlatformOptions {
  /** ACCESS_TOKEN_TTL_SECONDS of users; short, so the tests see tokens end. */
  accessTtlSeconds?: number;
  /** More environment, by service. */
  env?: Partial<Record<IdentityService, Record<string, string>>>;
  /** REDIS_URL of every service; with it messaging runs as well. */
  redisUrl?: string;
}

const repoRoot = new URL('../../', import.meta.url);

/** The services whose code exists on this branch; messaging only with Redis. */
function presentServices(withMessaging: boolean): IdentityService[] {
  return (withMessaging ? allServices : identityServices).filter((name) =>
    existsSync(new URL(`services/${name}/src/main.ts`, repoRoot)),
  );
}

export async function call(
  base: string,
  method: string,
  route: string,
  options: CallOptions = {},
): Promise<Answer> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : {};
  return { status: res.status, headers: res.headers, body: json as Record<string, unknown> };
}

export function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) {
    throw new Error(
      `${what}: expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`,
    );
  }
  return answer;
}

async function seedAdmin(database: TestDatabase): Promise<Account> {
  const account = { email: 'root@identity.example', password: 'the root passphrase of it all' };
  const [row] = await database.db
    .insert(schema.users)
    .values({
      id: newId('user'),
      email: account.email,
      name: 'Root Admin',
      passwordHash: await hashPassword(account.password, 1000),
      roles: ['member', 'admin'],
    })
    .returning({ id: schema.users.id });
  if (!row) {
    throw new Error('the admin was not seeded');
  }
  return { id: row.id, ...account };
}

function envOf(
  name: IdentityService,
  common: Record<string, string>,
  urls: Record<IdentityService, string>,
  keys: Record<IdentityService, ServiceKeyPair>,
): Record<string, string> {
  const own: Record<string, string> = {
    INSTANCE_ID: `${name}-identity`,
    SERVICE_PRIVATE_KEY: JSON.stringify(keys[name].privateJwk),
  };
  if (name !== 'config') {
    own.CONFIG_URL = urls.config;
  }
  if (name !== 'users') {
    own.JWKS_URL = `${urls.users}/.well-known/jwks.json`;
  }
  return { ...common, ...own };
}

export async function startIdentityPlatform(
  adminDatabaseUrl: string,
  options: IdentityPlatformOptions = {},
): Promise<IdentityPlatform> {
  const accessTtlSeconds = options.accessTtlSeconds ?? 3;
  const database = await createTestDatabase(adminDatabaseUrl);
  const snapshotDir = await mkdtemp(path.join(tmpdir(), 'trellis-identity-'));
  const names = presentServices(options.redisUrl !== undefined);
  const pairs = await Promise.all(allServices.map((name) => generateServiceKey(name)));
  const keys = Object.fromEntries(pairs.map((pair) => [pair.service, pair])) as Record<
    IdentityService,
    ServiceKeyPair
  >;
  const ports = await Promise.all(allServices.map(() => freePort()));
  const urls = Object.fromEntries(
    allServices.map((name, index) => [name, `http://127.0.0.1:${ports[index]}`]),
  ) as Record<IdentityService, string>;
  const metricsToken = randomBytes(32).toString('base64url');
  const tokenKeyEncryptionKey = randomBytes(32).toString('base64');
  const common = {
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    SERVICE_PUBLIC_KEYS: JSON.stringify(trustSetOf(pairs)),
    METRICS_TOKEN: metricsToken,
    CONFIG_SNAPSHOT_DIR: snapshotDir,
    CONFIG_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    TOKEN_KEY_ENCRYPTION_KEY: tokenKeyEncryptionKey,
    ACCESS_TOKEN_TTL_SECONDS: String(accessTtlSeconds),
    PASSWORD_ITERATIONS: '1000',
    USERS_URL: urls.users,
    ORDERS_URL: urls.orders,
    MEETINGS_URL: urls.meetings,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
  };
  // Only messaging seals webhook secrets, so only it holds the key.
  const own: Partial<Record<IdentityService, Record<string, string>>> = {
    messaging: { WEBHOOK_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
  };
  const services: Partial<Record<IdentityService, ServiceProcess>> = {};
  const stop = async () => {
    await Promise.all(Object.values(services).map((service) => service.stop()));
    await database.drop();
    await rm(snapshotDir, { recursive: true, force: true });
  };
  const start = async (name: IdentityService) => {
    const env = { ...envOf(name, common, urls, keys), ...own[name], ...options.env?.[name] };
    const port = ports[allServices.indexOf(name)] ?? 0;
    services[name] = await startServiceProcess(name, port, env, { readyTimeoutMs: 60_000 });
  };
  try {
    const admin = await seedAdmin(database);
    // The center first, then users (whose JWKS the others check tokens with), then the rest.
    await start('config');
    await start('users');
    await Promise.all(
      names.filter((name) => name !== 'config' && name !== 'users').map((name) => start(name)),
    );
    return platformOf({
      database,
      services,
      urls,
      keys,
      metricsToken,
      tokenKeyEncryptionKey,
      accessTtlSeconds,
      admin,
      stop,
    });
  } catch (error) {
    await stop();
    throw error;
  }
}

function platformOf(parts: {
  database: TestDatabase;
  services: Partial<Record<IdentityService, ServiceProcess>>;
  urls: Record<IdentityService, string>;
  keys: Record<IdentityService, ServiceKeyPair>;
  metricsToken: string;
  tokenKeyEncryptionKey: string;
  accessTtlSeconds: number;
  admin: Account;
  stop(): Promise<void>;
}): IdentityPlatform {
  const signers = new Map<string, (audience: string) => Promise<string>>();
  const url = (service: IdentityService) => {
    if (!parts.services[service]) {
      throw new Error(`${service} is not running on this branch`);
    }
    return parts.urls[service];
  };
  const platformCall: IdentityPlatform['call'] = (service, method, route, options) =>
    call(url(service), method, route, options);
  const signIn: IdentityPlatform['signIn'] = async ({ email, password }) => {
    const answer = await platformCall('users', 'POST', '/v1/sessions', {
      json: { email, password },
    });
    return expectStatus(answer, 201, `sign-in of ${email}`).body as unknown as Session;
  };
  const sessions = new Map<string, { session: Promise<Session>; renewAt: number }>();
  const token = async (account: Pick<Account, 'email' | 'password'>) => {
    let held = sessions.get(account.email);
    if (!held || Date.now() >= held.renewAt) {
      const renewAt = Date.now() + (parts.accessTtlSeconds - 1) * 1000;
      held = { session: signIn(account), renewAt };
      sessions.set(account.email, held);
    }
    return (await held.session).accessToken;
  };
  const adminToken = () => token(parts.admin);
  let accounts = 0;
  let consumerKey: Promise<string> | undefined;
  return {
    ...parts,
    url,
    call: platformCall,
    signIn,
    token,
    adminToken,
    async createAccount(label, roles = ['member']) {
      accounts += 1;
      const account = {
        email: `${label}-${accounts}-${crypto.randomUUID().slice(0, 6)}@identity.example`,
        password: `${label} passphrase number ${accounts}`,
      };
      const created = await platformCall('users', 'POST', '/v1/users', {
        token: await adminToken(),
        json: { ...account, name: label, roles },
      });
      return { id: String(expectStatus(created, 201, `creating ${label}`).body.id), ...account };
    },
    consumerKey() {
      consumerKey ??= (async () => {
        const scopes = ['users', 'orders', 'meetings'].flatMap((name) => [
          `${name}:read`,
          `${name}:write`,
        ]);
        const created = await platformCall('users', 'POST', '/v1/api-keys', {
          token: await adminToken(),
          json: { name: 'identity tests', scopes },
        });
        return String(expectStatus(created, 201, 'creating an API key').body.key);
      })();
      return consumerKey;
    },
    serviceToken(service, audience) {
      let sign = signers.get(service);
      if (!sign) {
        sign = serviceTokenSigner(service, parts.keys[service].privateJwk);
        signers.set(service, sign);
      }
      return sign(audience);
    },
  };
}

/** Resolves once `check` holds, polling; throws naming `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs} ms for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
