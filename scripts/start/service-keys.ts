import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateServiceKey, type ServiceKeyPair, servicePrivateKeySchema } from '@trellis/kit';

/** The file in the data dir holding every service's private key. */
export const serviceKeysFile = 'service-keys.json';

function pairFrom(service: string, stored: unknown): ServiceKeyPair | undefined {
  const parsed = servicePrivateKeySchema.safeParse(JSON.stringify(stored ?? null));
  if (!parsed.success) {
    return undefined;
  }
  const { d: _d, ...publicJwk } = parsed.data;
  return { service, privateJwk: parsed.data, publicJwk };
}

async function readStored(file: string): Promise<Record<string, unknown>> {
  try {
    const stored: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return {};
    }
    throw new Error(`cannot read ${file}: ${(error as Error).message}; fix or remove it`);
  }
}

/**
 * One Ed25519 key pair per service, so no service can sign as another: generated on first
 * start and kept in `<data dir>/service-keys.json` (mode 0600), so a restart keeps every
 * service's identity. A service missing from the file, or whose key is not a valid private
 * Ed25519 JWK, gets a new key; the others are kept.
 */
export async function loadServiceKeys<Service extends string>(
  dataDir: string,
  services: readonly Service[],
): Promise<Record<Service, ServiceKeyPair>> {
  const file = path.join(dataDir, serviceKeysFile);
  const stored = await readStored(file);
  const pairs = {} as Record<Service, ServiceKeyPair>;
  let changed = false;
  for (const service of services) {
    const kept = pairFrom(service, stored[service]);
    pairs[service] = kept ?? (await generateServiceKey(service));
    changed ||= !kept;
  }
  if (changed) {
    // Keys of services not started this time (a service removed, or run elsewhere) stay.
    const privateKeys: Record<string, unknown> = { ...stored };
    for (const pair of Object.values<ServiceKeyPair>(pairs)) {
      privateKeys[pair.service] = pair.privateJwk;
    }
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${JSON.stringify(privateKeys, null, 2)}\n`, { mode: 0o600 });
    // writeFile's mode applies only to a file it creates; an older file is narrowed too.
    await chmod(file, 0o600);
  }
  return pairs;
}
