import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalSecrets {
  /** Encrypts the admin console's session cookie. */
  adminSessionSecret: string;
  /** Encrypts config secrets at rest in the config center: 32 bytes, base64. */
  configEncryptionKey: string;
  /** Encrypts the users service's token signing keys in Postgres: 32 bytes, base64. */
  tokenKeyEncryptionKey: string;
  /** Encrypts webhook endpoints' signing secrets in Postgres (messaging): 32 bytes, base64. */
  webhookEncryptionKey: string;
  /** The bearer Prometheus and the console read `/metrics` and `/resilience` with. */
  metricsToken: string;
}

type SecretName = keyof LocalSecrets;

/**
 * How each secret is made, and whether it is an encryption key: a key that sealed data must
 * never be replaced by a guess, or that data could not be read again.
 */
const secretKinds: Record<SecretName, 'secret' | 'key'> = {
  adminSessionSecret: 'secret',
  configEncryptionKey: 'key',
  tokenKeyEncryptionKey: 'key',
  webhookEncryptionKey: 'key',
  metricsToken: 'secret',
};

function isKey(text: string): boolean {
  return Buffer.from(text, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(text);
}

function storedValue(stored: unknown, name: SecretName): string | undefined {
  const value =
    typeof stored === 'object' && stored !== null
      ? (stored as Record<string, unknown>)[name]
      : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The stored secret if usable, else a new one; throws for a malformed encryption key. */
function keptOrNew(stored: unknown, name: SecretName, file: string): [string, boolean] {
  const value = storedValue(stored, name);
  if (secretKinds[name] === 'key') {
    if (value !== undefined && !isKey(value)) {
      throw new Error(`${name} in ${file} is not 32 bytes in base64; fix or remove it`);
    }
    return value ? [value, true] : [randomBytes(32).toString('base64'), false];
  }
  return value && value.length >= 32
    ? [value, true]
    : [randomBytes(48).toString('base64url'), false];
}

async function readStored(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`cannot read ${file}: ${(error as Error).message}`);
    }
    return undefined;
  }
}

/**
 * Secrets for this machine's platform, generated on first start and kept in
 * `<data dir>/secrets.json` (mode 0600) so sessions, sealed config secrets and users' signing
 * keys stay readable after a restart. A secret missing from an older file is added; the ones
 * there are kept, and those no longer used (the shared token secrets) are dropped.
 */
export async function loadSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  const stored = await readStored(file);
  const secrets = {} as LocalSecrets;
  let complete = true;
  for (const name of Object.keys(secretKinds) as SecretName[]) {
    const [value, kept] = keptOrNew(stored, name, file);
    secrets[name] = value;
    complete &&= kept;
  }
  const extra = Object.keys(stored ?? {}).some((name) => !(name in secretKinds));
  if (!complete || extra) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return secrets;
}
