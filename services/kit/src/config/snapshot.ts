import { createSecretCipher, type SecretCipher } from '../secret-cipher.ts';

/** The last config an instance applied, kept on disk so it can start while the center is down. */
export interface ConfigSnapshot {
  namespace: string;
  service: string;
  revision: number;
  values: Record<string, unknown>;
  savedAt: string;
}

/** The file's form: the values of `sealedKeys` are sealed strings, never the secrets in clear. */
interface StoredSnapshot extends ConfigSnapshot {
  sealedKeys?: string[];
}

/**
 * Seals the secret values of snapshots with AES-256-GCM under a key derived (HKDF-SHA-256) from
 * the service's own private key, so a snapshot file holds no secret in clear and the service
 * needs no further secret to read it back.
 */
export type SnapshotCipher = SecretCipher;

const encoder = new TextEncoder();

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * The snapshot cipher of `service` from its private key's `d` (base64url, as in its JWK). The
 * service's name is the HKDF info, so two services never share a snapshot key.
 */
export async function createSnapshotCipher(
  privateKeyD: string,
  service: string,
): Promise<SnapshotCipher> {
  const material = await crypto.subtle.importKey('raw', fromBase64Url(privateKeyD), 'HKDF', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode('trellis config snapshot v1'),
      info: encoder.encode(service),
    },
    material,
    256,
  );
  return createSecretCipher(new Uint8Array(bits));
}

const contextOf = (snapshot: Pick<ConfigSnapshot, 'namespace' | 'service'>, key: string) =>
  `snapshot:${snapshot.namespace}/${snapshot.service}/${key}`;

// node:fs is loaded only when a snapshot path is configured; Deno serves it too.
const fs = () => import('node:fs/promises');

function assertSnapshot(value: Partial<StoredSnapshot>): asserts value is StoredSnapshot {
  if (
    typeof value.namespace !== 'string' ||
    typeof value.service !== 'string' ||
    typeof value.revision !== 'number' ||
    typeof value.values !== 'object' ||
    value.values === null ||
    (value.sealedKeys !== undefined && !Array.isArray(value.sealedKeys))
  ) {
    throw new Error('the snapshot file is not a config snapshot');
  }
}

/** Reads a snapshot, opening its sealed secrets with `cipher`; throws when it cannot. */
export async function readSnapshot(
  path: string,
  cipher?: SnapshotCipher,
): Promise<ConfigSnapshot | undefined> {
  let text: string;
  try {
    text = await (await fs()).readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  const stored = JSON.parse(text) as Partial<StoredSnapshot>;
  assertSnapshot(stored);
  const { sealedKeys = [], ...snapshot } = stored;
  if (sealedKeys.length === 0) {
    return snapshot;
  }
  if (!cipher) {
    throw new Error('the snapshot holds sealed secrets and no key was given to open them');
  }
  const values = { ...snapshot.values };
  for (const key of sealedKeys) {
    values[key] = await cipher.open(String(values[key]), contextOf(snapshot, key));
  }
  return { ...snapshot, values };
}

/** The snapshot as written to disk: the values of `secretKeys` sealed with `cipher`. */
async function sealed(
  snapshot: ConfigSnapshot,
  secretKeys: readonly string[],
  cipher: SnapshotCipher | undefined,
): Promise<StoredSnapshot> {
  const present = secretKeys.filter((key) => key in snapshot.values);
  if (present.length === 0) {
    return snapshot;
  }
  if (!cipher) {
    throw new Error('refusing to write secret values in clear: no snapshot key was given');
  }
  const values = { ...snapshot.values };
  for (const key of present) {
    values[key] = await cipher.seal(values[key], contextOf(snapshot, key));
  }
  return { ...snapshot, values, sealedKeys: present };
}

/**
 * Writes the snapshot atomically: a temporary file beside it, then a rename, so a crash leaves
 * the old snapshot or the new one, never half of one. The values of `secretKeys` are sealed
 * with `cipher` (and without one nothing is written); the file is owner-only all the same.
 */
export async function writeSnapshot(
  path: string,
  snapshot: ConfigSnapshot,
  secrets: { secretKeys: readonly string[]; cipher?: SnapshotCipher | undefined },
): Promise<void> {
  const stored = await sealed(snapshot, secrets.secretKeys, secrets.cipher);
  const { mkdir, rename, rm, writeFile } = await fs();
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (slash > 0) {
    await mkdir(path.slice(0, slash), { recursive: true });
  }
  const temporary = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
}
