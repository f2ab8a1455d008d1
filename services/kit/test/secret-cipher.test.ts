import { describe, expect, it } from 'vitest';
import { createSecretCipher, decodeEncryptionKey, isSealed } from '../src/index.ts';

const key = () => crypto.getRandomValues(new Uint8Array(32));

describe('the secret cipher', () => {
  it('opens what it sealed, and seals one value differently each time', async () => {
    const cipher = createSecretCipher(key());
    const value = { d: 'private part', kid: 'k1' };
    const first = await cipher.seal(value, 'signing-key/k1');
    const second = await cipher.seal(value, 'signing-key/k1');
    expect(isSealed(first)).toBe(true);
    expect(first).not.toBe(second);
    expect(first).not.toContain('private part');
    expect(await cipher.open(first, 'signing-key/k1')).toEqual(value);
  });

  it('refuses to open under another context or another key', async () => {
    const sealed = await createSecretCipher(key()).seal('secret', 'a');
    await expect(createSecretCipher(key()).open(sealed, 'a')).rejects.toThrow();
    const cipher = createSecretCipher(key());
    await expect(cipher.open(await cipher.seal('secret', 'a'), 'b')).rejects.toThrow();
  });

  it('decodes only a key of exactly 32 bytes of base64', () => {
    expect(decodeEncryptionKey(btoa('0123456789abcdef0123456789abcdef'))?.length).toBe(32);
    expect(decodeEncryptionKey(btoa('too short'))).toBeUndefined();
    expect(decodeEncryptionKey('not base64 at all!')).toBeUndefined();
  });
});
