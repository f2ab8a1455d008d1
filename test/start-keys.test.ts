import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serviceTokenSigner, serviceTokenVerifier, trustSetOf } from '@trellis/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServiceKeys, serviceKeysFile } from '../scripts/start/service-keys.ts';

let dataDir: string;
let file: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'trellis-keys-'));
  file = path.join(dataDir, serviceKeysFile);
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function storedKeys(): Promise<Record<string, { kid: string; d?: string }>> {
  return JSON.parse(await readFile(file, 'utf8'));
}

describe('npm start’s service keys', () => {
  it('makes one Ed25519 key pair per service, kept in the data dir readable by its owner only', async () => {
    const keys = await loadServiceKeys(dataDir, ['users', 'orders']);
    expect(Object.keys(keys)).toEqual(['users', 'orders']);
    expect(keys.users.privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(keys.users.privateJwk.kid).not.toBe(keys.orders.privateJwk.kid);
    expect(keys.users.publicJwk).not.toHaveProperty('d');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await storedKeys()).toEqual({
      users: keys.users.privateJwk,
      orders: keys.orders.privateJwk,
    });
    const token = await serviceTokenSigner('orders', keys.orders.privateJwk)('users');
    const verify = serviceTokenVerifier(trustSetOf(Object.values(keys)), 'users');
    expect(await verify(token)).toMatchObject({ service: 'orders' });
  });

  it('keeps every key across restarts and adds one for a new service', async () => {
    const first = await loadServiceKeys(dataDir, ['users', 'orders']);
    const before = await readFile(file, 'utf8');
    const again = await loadServiceKeys(dataDir, ['users', 'orders']);
    expect(again).toEqual(first);
    expect(await readFile(file, 'utf8')).toBe(before);
    const grown = await loadServiceKeys(dataDir, ['users', 'orders', 'gateway']);
    expect(grown.users).toEqual(first.users);
    expect(grown.orders).toEqual(first.orders);
    expect(Object.keys(await storedKeys()).sort()).toEqual(['gateway', 'orders', 'users']);
  });

  it('replaces a key that is not a private Ed25519 JWK and leaves the others', async () => {
    const first = await loadServiceKeys(dataDir, ['users', 'orders']);
    const { d: _d, ...publicOnly } = first.orders.privateJwk;
    await writeFile(file, JSON.stringify({ users: first.users.privateJwk, orders: publicOnly }));
    const loaded = await loadServiceKeys(dataDir, ['users', 'orders']);
    expect(loaded.users).toEqual(first.users);
    expect(loaded.orders.privateJwk.kid).not.toBe(first.orders.privateJwk.kid);
    expect((await storedKeys()).orders?.d).toBe(loaded.orders.privateJwk.d);
  });

  it('refuses a file that is not JSON rather than replacing every key', async () => {
    await writeFile(file, '{ not json');
    await expect(loadServiceKeys(dataDir, ['users'])).rejects.toThrow(
      /cannot read .*service-keys\.json: .*; fix or remove it/,
    );
    expect(await readFile(file, 'utf8')).toBe('{ not json');
  });
});
