import { describe, expect, it } from 'vitest';
import { diffValues } from '../src/config/diff.ts';
import { EffectiveTracker, type OpenRelease } from '../src/config/domain.ts';
import { fnv1a32, grayBucket, matchesGray, parseLabels } from '../src/config/gray.ts';
import {
  createSecretCipher,
  decodeEncryptionKey,
  maskValues,
  openValues,
  sealValues,
  secretMask,
} from '../src/config/secrets.ts';
import { createSchemaValidators, schemaDefaults } from '../src/config/validator.ts';
import { ordersConfig } from './harness.ts';

describe('fnv1a32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j as the reference implementation does', (text, hash) => {
    expect(fnv1a32(text)).toBe(hash);
  });

  it('spreads instance ids over the 100 buckets', () => {
    const buckets = new Set(Array.from({ length: 2000 }, (_, i) => grayBucket(`orders-${i}`)));
    expect(buckets.size).toBe(100);
  });
});

describe('gray rules', () => {
  it('match by share of instances or by all labels', () => {
    const instance = { instanceId: 'orders-7', labels: { zone: 'a', tier: 'canary' } };
    const bucket = grayBucket(instance.instanceId);
    expect(matchesGray({ percentage: bucket + 1 }, instance)).toBe(true);
    expect(matchesGray({ percentage: bucket }, instance)).toBe(false);
    expect(matchesGray({ percentage: 0 }, instance)).toBe(false);
    expect(matchesGray({ percentage: 100 }, instance)).toBe(true);
    expect(matchesGray({ labels: { zone: 'a' } }, instance)).toBe(true);
    expect(matchesGray({ labels: { zone: 'a', tier: 'stable' } }, instance)).toBe(false);
    expect(matchesGray({ labels: {} }, instance)).toBe(false);
  });

  it('parse labels from the query form and refuse anything else', () => {
    expect(parseLabels('zone:a,tier:canary')).toEqual({ zone: 'a', tier: 'canary' });
    expect(parseLabels(undefined)).toEqual({});
    expect(() => parseLabels('zone')).toThrow(/key:value/);
    expect(() => parseLabels('zone:a:b')).toThrow();
    expect(() => parseLabels('zone:a b')).toThrow();
  });
});

describe('diffValues', () => {
  it('reports added, removed and changed keys, dotted into objects, arrays whole', () => {
    expect(
      diffValues(
        { a: 1, b: { c: true, d: 'x' }, list: [1, 2], gone: 0 },
        { a: 2, b: { c: true, d: 'y', e: null }, list: [1, 2, 3], added: 'z' },
        [],
      ),
    ).toEqual([
      { path: 'a', op: 'change', before: 1, after: 2 },
      { path: 'added', op: 'add', after: 'z' },
      { path: 'b.d', op: 'change', before: 'x', after: 'y' },
      { path: 'b.e', op: 'add', after: null },
      { path: 'gone', op: 'remove', before: 0 },
      { path: 'list', op: 'change', before: [1, 2], after: [1, 2, 3] },
    ]);
  });

  it('compares secrets in clear but reports them masked', () => {
    expect(diffValues({ key: 'one' }, { key: 'two' }, ['key'])).toEqual([
      { path: 'key', op: 'change', before: secretMask, after: secretMask },
    ]);
    expect(diffValues({ key: 'same' }, { key: 'same' }, ['key'])).toEqual([]);
    expect(diffValues({}, { key: 'new' }, ['key'])).toEqual([
      { path: 'key', op: 'add', after: secretMask },
    ]);
  });
});

describe('secrets', () => {
  const key = decodeEncryptionKey(btoa(String.fromCharCode(...new Uint8Array(32).fill(9))));
  if (!key) {
    throw new Error('test key');
  }
  const cipher = createSecretCipher(key);

  it('only accept a 32-byte base64 key', () => {
    expect(decodeEncryptionKey('c2hvcnQ=')).toBeUndefined();
    expect(decodeEncryptionKey('not base64!')).toBeUndefined();
  });

  it('seal secret keys with a fresh IV each time and open them again', async () => {
    const sealed = await sealValues(cipher, 'orders', { key: 'sk_1', plain: 1 }, ['key']);
    const again = await sealValues(cipher, 'orders', { key: 'sk_1', plain: 1 }, ['key']);
    expect(sealed.plain).toBe(1);
    expect(sealed.key).toMatch(/^enc:v1:/);
    expect(again.key).not.toBe(sealed.key);
    expect(await openValues(cipher, 'orders', sealed)).toEqual({
      values: { key: 'sk_1', plain: 1 },
      secretKeys: ['key'],
    });
    expect(maskValues(sealed)).toEqual({ key: secretMask, plain: 1 });
  });

  it('refuse to open a secret moved to another service or key', async () => {
    const sealed = await sealValues(cipher, 'orders', { key: 'sk_1' }, ['key']);
    await expect(openValues(cipher, 'users', sealed)).rejects.toThrow();
    await expect(openValues(cipher, 'orders', { other: sealed.key })).rejects.toThrow();
  });
});

describe('schema validation', () => {
  const validators = createSchemaValidators();
  const check = (values: unknown) => validators.validate('orders', ordersConfig.jsonSchema, values);

  it('accepts what the zod schema accepts, defaults omitted', () => {
    expect(check({})).toEqual([]);
    expect(check({ maxItems: 100, features: { newCheckout: true } })).toEqual([]);
  });

  it('names each offending key the way the kit names fields', () => {
    expect(check({ maxItems: 0, features: { newCheckout: 1 }, extra: true })).toEqual([
      { in: 'body', path: 'extra', message: 'is not a key of this config' },
      { in: 'body', path: 'maxItems', message: 'must be >= 1' },
      { in: 'body', path: 'features.newCheckout', message: 'must be boolean' },
    ]);
    expect(check({ logLevel: 'loud' })).toEqual([
      {
        in: 'body',
        path: 'logLevel',
        message: 'must be one of "debug", "info", "warn", "error"',
      },
    ]);
  });

  it('reads the top-level defaults a schema declares', () => {
    expect(schemaDefaults(ordersConfig.jsonSchema)).toEqual({
      logLevel: 'info',
      paymentTimeoutMinutes: 30,
      maxItems: 50,
      features: { newCheckout: false },
      stripeKey: 'sk_test_placeholder',
    });
  });
});

describe('EffectiveTracker', () => {
  const release = (revision: number, kind: OpenRelease['kind'], extra: Partial<OpenRelease> = {}) =>
    ({
      revision,
      kind,
      grayRule: null,
      values: { r: revision },
      secretKeys: [],
      ...extra,
    }) as OpenRelease;

  it('follows full releases, matching gray releases, and the release that ends a gray one', () => {
    const inside = new EffectiveTracker({ instanceId: 'i', labels: { zone: 'a' } }, { r: 0 });
    const outside = new EffectiveTracker({ instanceId: 'o', labels: {} }, { r: 0 });
    expect(inside.current()).toMatchObject({ revision: 0, releaseKind: 'defaults' });
    const history = [
      release(1, 'full'),
      release(2, 'gray', { grayRule: { labels: { zone: 'a' } } }),
      release(3, 'rollback'),
    ];
    expect(history.map((r) => inside.apply(r))).toEqual([true, true, true]);
    expect(history.map((r) => outside.apply(r))).toEqual([true, false, true]);
    expect(inside.current()).toMatchObject({ revision: 3, releaseKind: 'rollback' });
    expect(outside.position).toBe(3);
    expect(outside.apply(release(2, 'full'))).toBe(false);
  });
});
