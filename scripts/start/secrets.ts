import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalSecrets {
  jwtSecret: string;
}

function isSecrets(value: unknown): value is LocalSecrets {
  return (
    typeof value === 'object' &&
    value !== null &&
    'jwtSecret' in value &&
    typeof value.jwtSecret === 'string' &&
    value.jwtSecret.length >= 32
  );
}

/**
 * Secrets for this machine's platform, generated on first start and kept in
 * `<data dir>/secrets.json` so tokens issued before a restart stay valid after it.
 */
export async function loadSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  try {
    const stored: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (isSecrets(stored)) {
      return stored;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const secrets: LocalSecrets = { jwtSecret: randomBytes(48).toString('base64url') };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
