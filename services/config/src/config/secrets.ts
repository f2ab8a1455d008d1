/** What every response, log line and audit entry shows in place of a secret value. */
export const secretMask = '••••••';

/** Stored secrets are strings of this form: version, then base64 of IV ‖ ciphertext ‖ tag. */
const sealedPrefix = 'enc:v1:';

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(sealedPrefix);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** Decodes `CONFIG_ENCRYPTION_KEY`; undefined unless it is exactly 32 bytes of base64. */
export function decodeEncryptionKey(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const bytes = fromBase64(text.trim());
    return bytes.length === 32 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

export interface SecretCipher {
  /** Encrypts a JSON value; `context` (service and key) is bound in as additional data. */
  seal(value: unknown, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<unknown>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** AES-256-GCM through Web Crypto, a fresh 96-bit IV per value. */
export function createSecretCipher(rawKey: Uint8Array<ArrayBuffer>): SecretCipher {
  if (rawKey.length !== 32) {
    throw new Error('the config encryption key must be 32 bytes');
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

export type Values = Record<string, unknown>;

const contextOf = (service: string, key: string) => `${service}/${key}`;

/**
 * Encrypts the secret keys of plaintext values for storage. `keep` holds already-sealed
 * values to store as they are (a secret the editor left masked).
 */
export async function sealValues(
  cipher: SecretCipher,
  service: string,
  values: Values,
  secretKeys: readonly string[],
  keep: Values = {},
): Promise<Values> {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) {
    if (isSealed(keep[key])) {
      out[key] = keep[key];
    } else if (secretKeys.includes(key) && value !== undefined) {
      out[key] = await cipher.seal(value, contextOf(service, key));
    } else {
      out[key] = value;
    }
  }
  return out;
}

export interface OpenedValues {
  values: Values;
  /** The keys that were stored encrypted: the ones to mask whenever these values are shown. */
  secretKeys: string[];
}

/** Decrypts stored values; only for validation, diffs and the owning service's reads. */
export async function openValues(
  cipher: SecretCipher,
  service: string,
  stored: Values,
): Promise<OpenedValues> {
  const values: Values = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(stored)) {
    if (isSealed(value)) {
      values[key] = await cipher.open(value, contextOf(service, key));
      secretKeys.push(key);
    } else {
      values[key] = value;
    }
  }
  return { values, secretKeys };
}

/** Values fit to show: every secret key (declared or stored encrypted) replaced by the mask. */
export function maskValues(values: Values, secretKeys: Iterable<string> = []): Values {
  const secrets = new Set(secretKeys);
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) {
    out[key] = secrets.has(key) || isSealed(value) ? secretMask : value;
  }
  return out;
}
