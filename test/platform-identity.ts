import { randomBytes } from 'node:crypto';
import { newId } from '@trellis/db';
import { users } from '@trellis/db/schema';
import type { TestDatabase } from '@trellis/db/testing';
import { createTestIdentity, type TestIdentity } from '@trellis/kit/testing';
import { hashPassword } from '../services/users/src/password.ts';
import { call } from './http-call.ts';

/** The services that run the platform's own code, each with a key pair of its own. */
export const platformServices = ['config', 'users', 'orders', 'meetings', 'gateway'] as const;

/**
 * The identities of a platform started from processes, as `npm start` hands them out: a key
 * pair per service, the trust set of their public keys, a metrics token, and the keys the
 * config center and users seal data with. Tests call as a service with that service's own
 * key, and as a user with a token users itself issued.
 */
export interface PlatformIdentity {
  keys: TestIdentity;
  metricsToken: string;
  /** `Authorization` for the metrics token: `/metrics` and `/resilience`. */
  metricsHeaders: Record<string, string>;
  /**
   * What `service` needs to prove who it is and check its callers: its own private key, every
   * public key, the metrics token, users' JWKS (users checks its own tokens) and its sealing key.
   */
  envFor(service: string, usersUrl: string): Record<string, string>;
  /** `Authorization` as `service`, with its own key, calling `audience`. */
  asService(service: string, audience: string): Promise<Record<string, string>>;
}

export async function createPlatformIdentity(
  services: readonly string[] = platformServices,
): Promise<PlatformIdentity> {
  const keys = await createTestIdentity();
  const pairs = await Promise.all(services.map((service) => keys.serviceKey(service)));
  const trustSet = JSON.stringify(keys.settings.serviceKeys);
  const sealing: Record<string, Record<string, string>> = {
    config: { CONFIG_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
    users: { TOKEN_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
  };
  return {
    keys,
    metricsToken: keys.metricsToken,
    metricsHeaders: { authorization: `Bearer ${keys.metricsToken}` },
    envFor(service, usersUrl) {
      const pair = pairs.find((candidate) => candidate.service === service);
      if (!pair) {
        throw new Error(`no key was made for ${service}`);
      }
      return {
        SERVICE_PRIVATE_KEY: JSON.stringify(pair.privateJwk),
        SERVICE_PUBLIC_KEYS: trustSet,
        METRICS_TOKEN: keys.metricsToken,
        ...(service === 'users' ? {} : { JWKS_URL: `${usersUrl}/.well-known/jwks.json` }),
        ...sealing[service],
      };
    },
    asService: (service, audience) => keys.asService(service, audience),
  };
}

export interface Person {
  email: string;
  name: string;
  password: string;
}

export interface SignedIn {
  id: string;
  token: string;
  /** `Authorization` as this user. */
  headers: Record<string, string>;
}

async function signIn(usersUrl: string, person: Person): Promise<SignedIn> {
  const session = await call(usersUrl, 'POST', '/v1/sessions', {
    json: { email: person.email, password: person.password },
  });
  if (session.status !== 201) {
    throw new Error(
      `${person.email} cannot sign in: ${session.status} ${JSON.stringify(session.body)}`,
    );
  }
  const token = session.body.accessToken as string;
  const user = session.body.user as { id: string } | undefined;
  return { id: user?.id ?? '', token, headers: { authorization: `Bearer ${token}` } };
}

/** A member made through users' public sign-up, then signed in. */
export async function signUp(usersUrl: string, person: Person): Promise<SignedIn> {
  const created = await call(usersUrl, 'POST', '/v1/users', { json: person });
  if (created.status !== 201) {
    throw new Error(
      `cannot sign up ${person.email}: ${created.status} ${JSON.stringify(created.body)}`,
    );
  }
  const signedIn = await signIn(usersUrl, person);
  return { ...signedIn, id: created.body.id as string };
}

/**
 * An operator or admin, signed in through users. Only an admin may grant roles and a fresh
 * database holds none, so the account is written straight into users' table, as the demo seed
 * writes its admin, with a password hashed as users hashes it.
 */
export async function signInWithRoles(
  database: TestDatabase,
  usersUrl: string,
  person: Person & { roles: ('operator' | 'admin')[] },
): Promise<SignedIn> {
  const id = newId('user');
  await database.db.insert(users).values({
    id,
    email: person.email,
    name: person.name,
    passwordHash: await hashPassword(person.password, 1000),
    roles: ['member', ...person.roles],
  });
  return { ...(await signIn(usersUrl, person)), id };
}
