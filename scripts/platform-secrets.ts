import { randomBytes } from 'node:crypto';
import { generateServiceKey, trustSetOf } from '@trellis/kit';
import { serviceNames } from './start/services.ts';

/** The variable holding `service`'s private key in a compose `.env`: `USERS_SERVICE_PRIVATE_KEY`. */
export function privateKeyVariable(service: string): string {
  return `${service.toUpperCase().replaceAll('-', '_')}_SERVICE_PRIVATE_KEY`;
}

/**
 * Everything a deployment of the platform must generate once and keep: a key pair per
 * service (each service is handed only its own private key, every service all the public
 * ones), the metrics token, and the keys that seal data at rest.
 */
export async function generatePlatformSecrets(
  services: readonly string[] = serviceNames,
): Promise<Record<string, string>> {
  const pairs = await Promise.all(services.map((service) => generateServiceKey(service)));
  return {
    ...Object.fromEntries(
      pairs.map((pair) => [privateKeyVariable(pair.service), JSON.stringify(pair.privateJwk)]),
    ),
    SERVICE_PUBLIC_KEYS: JSON.stringify(trustSetOf(pairs)),
    METRICS_TOKEN: randomBytes(32).toString('base64url'),
    CONFIG_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    TOKEN_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    WEBHOOK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ADMIN_SESSION_SECRET: randomBytes(32).toString('base64url'),
  };
}

/** `NAME='value'` lines, as docker compose reads a `.env` file (single quotes: taken as is). */
export function toDotenv(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([name, value]) => {
      if (value.includes("'") || value.includes('\n')) {
        throw new Error(`${name} cannot be written single-quoted`);
      }
      return `${name}='${value}'`;
    })
    .join('\n')
    .concat('\n');
}
