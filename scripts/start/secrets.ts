import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalSecrets {
  jwtSecret: string;
  /** Encrypts the admin console's session cookie. */
  adminSessionSecret: string;
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
  if (jwtSecret && adminSessionSecret) {
    return { jwtSecret, adminSessionSecret };
  }
  const secrets: LocalSecrets = {
    jwtSecret: jwtSecret ?? randomBytes(48).toString('base64url'),
    adminSessionSecret: adminSessionSecret ?? randomBytes(48).toString('base64url'),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
