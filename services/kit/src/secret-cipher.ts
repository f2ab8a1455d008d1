/**
 * Secrets at rest: AES-256-GCM through Web Crypto (Node, Deno and the edge alike), under a key
 * from the environment (`CONFIG_ENCRYPTION_KEY`, `TOKEN_KEY_ENCRYPTION_KEY`: 32 bytes, base64).
 */

import { fromBase64, toBase64 } from './base64.ts';

/** Sealed values are strings of this form: version, then base64 of IV ‖ ciphertext ‖ tag. */
const sealedPrefix = 'enc:v1:';

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(sealedPrefix);
}

/** Decodes an encryption key setting; undefined unless it is exactly 32 bytes of base64. */
export function decodeEncryptionKey(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const bytes = fromBase64(text.trim());
    return bytes.length === 32 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

export interface SecretCipher {
  /** Encrypts a JSON value; `context` (what the value is, where) is bound in as additional data. */
  seal(value: unknown, context: string): Promise<string>;
  /** Decrypts a sealed value; throws when the key, the context or the ciphertext is wrong. */
  open(sealed: string, context: string): Promise<unknown>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** AES-256-GCM with a fresh 96-bit IV per value. */
export function createSecretCipher(rawKey: Uint8Array<ArrayBuffer>): SecretCipher {
  if (rawKey.length !== 32) {
    throw new Error('an encryption key must be 32 bytes');
  }
  const key = crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return {
    async seal(value, context) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ciphertext = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
        await key,
        encoder.encode(JSON.stringify(value)),
      );
      const out = new Uint8Array(iv.length + ciphertext.byteLength);
      out.set(iv);
      out.set(new Uint8Array(ciphertext), iv.length);
      return `${sealedPrefix}${toBase64(out)}`;
    },
    async open(sealed, context) {
      if (!isSealed(sealed)) {
        throw new Error('not a sealed value');
      }
      const bytes = fromBase64(sealed.slice(sealedPrefix.length));
      const plaintext = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: encoder.encode(context) },
        await key,
        bytes.subarray(12),
      );
      return JSON.parse(decoder.decode(plaintext));
    },
  };
}
