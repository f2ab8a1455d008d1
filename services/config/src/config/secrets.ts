/** What every response, log line and audit entry shows in place of a secret value. */
export const secretMask = '••••••';

// The cipher is the kit's, shared with users' signing keys and services' config snapshots.
export { createSecretCipher, decodeEncryptionKey, isSealed, type SecretCipher } from '@trellis/kit';

import { isSealed, type SecretCipher } from '@trellis/kit';

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
