import { freePort } from '@trellis/db/embedded';
import { securityEvents, users } from '@trellis/db/schema';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { eq } from 'drizzle-orm';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ServiceProcess, startServiceProcess } from '../../../test/service-process.ts';
import { hashPassword } from '../src/password.ts';
import { SessionSchema } from '../src/routes/sessions/schema.ts';
import { JwksSchema, SigningKeySchema } from '../src/routes/signing-keys/schema.ts';

/**
 * Users as it runs: one instance on Node and one on Deno, started together on one empty
 * database, sharing its signing keys.
 */
let database: TestDatabase;
let node: ServiceProcess;
let deno: ServiceProcess;

const environment = {
  LOG_LEVEL: 'info',
  NO_COLOR: '1',
  PASSWORD_ITERATIONS: '1000',
  TOKEN_KEY_ENCRYPTION_KEY: btoa('process-test-key-process-test-ke'),
  CONFIG_SNAPSHOT_DIR: '',
};

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  await database.db.insert(users).values({
    id: `usr_${'1'.repeat(32)}`,
    email: 'root@example.com',
    name: 'Root',
    passwordHash: await hashPassword('root password', 1000),
    roles: ['admin'],
  });
  const env = { ...environment, DATABASE_URL: database.url };
  [node, deno] = await Promise.all([
    startServiceProcess('users', await freePort(), env, { name: 'users-node' }),
    startServiceProcess('users', await freePort(), env, {
      name: 'users-deno',
      runtime: 'deno',
      readyTimeoutMs: 90_000,
    }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([node?.stop(), deno?.stop()]);
  await database?.drop();
});

const jwksOf = async (instance: ServiceProcess) =>
  JwksSchema.parse(await (await fetch(`${instance.url}/.well-known/jwks.json`)).json());

async function signIn(instance: ServiceProcess) {
  const res = await fetch(`${instance.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'root@example.com', password: 'root password' }),
  });
  expect(res.status).toBe(201);
  return SessionSchema.parse(await res.json());
}

const read = (instance: ServiceProcess, token: string) =>
  fetch(`${instance.url}/v1/users/usr_${'1'.repeat(32)}`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe('users on Node and on Deno, on one database', () => {
  it('make one first signing key between them and publish it alike', async () => {
    const [fromNode, fromDeno] = [await jwksOf(node), await jwksOf(deno)];
    expect(fromNode.keys).toHaveLength(1);
    expect(fromDeno).toEqual(fromNode);
    const created = await database.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.action, 'signing_key.created'));
    expect(created.map((event) => event.subject)).toEqual([fromNode.keys[0]?.kid]);
    for (const instance of [node, deno]) {
      expect(
        instance.lines.filter((line) => ['error', 'fatal'].includes(String(line.level))),
      ).toEqual([]);
    }
  });

  it("accept each other's tokens, through a rotation made on one of them", async () => {
    const before = await signIn(deno);
    expect((await read(node, before.accessToken)).status).toBe(200);
    const rotated = await fetch(`${node.url}/v1/signing-keys/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${before.accessToken}` },
    });
    expect(rotated.status).toBe(201);
    const { kid } = SigningKeySchema.parse(await rotated.json());
    const after = await signIn(deno);
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(kid);
    for (const instance of [node, deno]) {
      expect((await read(instance, before.accessToken)).status).toBe(200);
      expect((await read(instance, after.accessToken)).status).toBe(200);
    }
    expect((await jwksOf(deno)).keys.map((key) => key.kid)).toEqual([
      kid,
      decodeProtectedHeader(before.accessToken).kid,
    ]);
  });
});
