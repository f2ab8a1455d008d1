import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalSecrets {
  jwtSecret: string;
  /** Encrypts the admin console's session cookie. */
  adminSessionSecret: string;
  /** Signs the tokens services show the config center and the registry. */
  serviceTokenSecret: string;
  /** Encrypts config secrets at rest in the config center: 32 bytes, base64. */
  configEncryptionKey: string;
}

function secretIn(value: unknown, name: keyof LocalSecrets): string | undefined {
  const secret =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[name]
      : undefined;
  return typeof secret === 'string' && secret.length >= 32 ? secret : undefined;
}

/**
 * Secrets for this machine's platform, generated on first start and kept in
 * `<data dir>/secrets.json` so tokens and sessions issued before a restart stay valid after
 * it. A secret missing from an older file is added; the ones there are kept.
 */
export async function loadSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  let stored: unknown;
  try {
    stored = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const jwtSecret = secretIn(stored, 'jwtSecret');
  const adminSessionSecret = secretIn(stored, 'adminSessionSecret');
  const serviceTokenSecret = secretIn(stored, 'serviceTokenSecret');
  const storedKey = secretIn(stored, 'configEncryptionKey');
  const configEncryptionKey =
    storedKey && Buffer.from(storedKey, 'base64').length === 32 ? storedKey : undefined;
  if (jwtSecret && adminSessionSecret && serviceTokenSecret && configEncryptionKey) {
    return { jwtSecret, adminSessionSecret, serviceTokenSecret, configEncryptionKey };
  }
  if (storedKey && !configEncryptionKey) {
    // Replacing a key would make the secrets it sealed unreadable; refuse to guess.
    throw new Error(`configEncryptionKey in ${file} is not 32 bytes in base64; fix or remove it`);
  }
  const secrets: LocalSecrets = {
    jwtSecret: jwtSecret ?? randomBytes(48).toString('base64url'),
    adminSessionSecret: adminSessionSecret ?? randomBytes(48).toString('base64url'),
    serviceTokenSecret: serviceTokenSecret ?? randomBytes(48).toString('base64url'),
    configEncryptionKey: configEncryptionKey ?? randomBytes(32).toString('base64'),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
