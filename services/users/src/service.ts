import type { DbHandle } from '@trellis/db';
import { decodeEncryptionKey, defineService, type ServiceWiring } from '@trellis/kit';
import { auditFirstKey } from './audit.ts';
import { usersConfig } from './config.ts';
import type { UsersDeps } from './deps.ts';
import { type UsersEnv, usersEnvSchema } from './env.ts';
import { createApiKeysRouter } from './routes/api-keys/index.ts';
import { createSecurityEventsRouter } from './routes/security-events/index.ts';
import { createSessionsRouter } from './routes/sessions/index.ts';
import { createSigningKeysRouter } from './routes/signing-keys/index.ts';
import { createUsersRouter } from './routes/users/index.ts';
import { createSigningKeyStore, type SigningKeyStore } from './signing-keys.ts';
import { type TokenKeyMaterial, tokenKeyMaterial } from './token-key.ts';
import { createUserTokenVerifier } from './tokens.ts';

const now = () => new Date();

/** One key store per running service: the routes sign with it, the kit verifies with it. */
const keyStores = new WeakMap<DbHandle, { keys: SigningKeyStore } & TokenKeyMaterial>();

function keyStoreOf({ env, database }: ServiceWiring<UsersEnv>) {
  let made = keyStores.get(database);
  if (!made) {
    const rawKey = decodeEncryptionKey(env.TOKEN_KEY_ENCRYPTION_KEY);
    if (!rawKey) {
      throw new Error('TOKEN_KEY_ENCRYPTION_KEY must be 32 bytes in base64');
    }
    const material = tokenKeyMaterial(rawKey);
    const keys = createSigningKeyStore({
      db: database.db,
      cipher: material.cipher,
      now,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      onFirstKey: auditFirstKey(now),
    });
    made = { ...material, keys };
    keyStores.set(database, made);
  }
  return made;
}

/** The users service, declared; `runOnNode(usersService)` and `runOnDeno` serve it. */
export const usersService = defineService({
  name: 'users',
  description:
    'Accounts with unique emails, statuses and roles; password sign-in issuing short-lived ' +
    'EdDSA access tokens (JWKS at /.well-known/jwks.json) and rotating refresh tokens; API keys ' +
    'for outside consumers; the audit trail of sign-ins and grants.',
  envSchema: usersEnvSchema,
  config: usersConfig,
  routes: [
    createUsersRouter,
    createSessionsRouter,
    createSigningKeysRouter,
    createApiKeysRouter,
    createSecurityEventsRouter,
  ],
  verifyUserTokens: (wiring: ServiceWiring<UsersEnv>) =>
    createUserTokenVerifier(keyStoreOf(wiring).keys, wiring.env.JWT_ISSUER, now),
  deps: (wiring): UsersDeps => {
    const { baseDeps, env, runInBackground } = wiring;
    const { keys, digestSecret } = keyStoreOf(wiring);
    // The first instance to start makes the first signing key, the others find it; opening
    // it tells at once when TOKEN_KEY_ENCRYPTION_KEY is not the key it was sealed with.
    runInBackground({
      start: async () => {
        await keys.signer();
      },
      stop: async () => {},
    });
    return {
      ...baseDeps,
      tokens: {
        keys,
        access: { issuer: env.JWT_ISSUER, ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS },
        refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      },
      digestSecret,
      passwordIterations: env.PASSWORD_ITERATIONS,
    };
  },
});
