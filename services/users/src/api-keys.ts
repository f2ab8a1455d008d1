import { newId } from '@trellis/db';
import { newOpaqueSecret, tokenHash } from './opaque-secrets.ts';

export { type ApiKeyScope, apiKeyScopes } from './access-terms.ts';

/** Recognisable in a leak, as secret scanners look for such prefixes. */
const keyPrefix = 'trk_live_';
const keyPattern = /^trk_live_(key_[0-9a-f]{32})_([A-Za-z0-9_-]{43,})$/;

export interface NewApiKey {
  id: string;
  /** The whole key, `trk_live_<id>_<secret>`: shown once, never stored. */
  key: string;
  /** Its SHA-256, which is stored. */
  hash: string;
}

export async function newApiKey(): Promise<NewApiKey> {
  const id = newId('apiKey');
  const key = `${keyPrefix}${id}_${newOpaqueSecret(32)}`;
  return { id, key, hash: await tokenHash(key) };
}

/** The id a key names, if it has the shape of one. */
export function apiKeyIdOf(key: string): string | undefined {
  return keyPattern.exec(key)?.[1];
}

/** How a key is shown once created: its prefix and id, never its secret. */
export function apiKeyDisplay(id: string): string {
  return `${keyPrefix}${id}_…`;
}

/** Compares two digests in time independent of where they first differ. */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) {
    return false;
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  }
  return diff === 0;
}
