import { decodeEncryptionKey, defineService } from '@trellis/kit';
import { auditFirstKey } from './audit.ts';
import { usersConfig } from './config.ts';
import type { UsersDeps } from './deps.ts';
import { usersEnvSchema } from './env.ts';
import { createApiKeysRouter } from './routes/api-keys/index.ts';
import { createSecurityEventsRouter } from './routes/security-events/index.ts';
import { createSessionsRouter } from './routes/sessions/index.ts';
import { createSigningKeysRouter } from './routes/signing-keys/index.ts';
import { createUsersRouter } from './routes/users/index.ts';
import { createSigningKeyStore } from './signing-keys.ts';
import { tokenKeyMaterial } from './token-key.ts';

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
  deps: ({ baseDeps, env, runInBackground }): UsersDeps => {
    const rawKey = decodeEncryptionKey(env.TOKEN_KEY_ENCRYPTION_KEY);
    if (!rawKey) {
      throw new Error('TOKEN_KEY_ENCRYPTION_KEY must be 32 bytes in base64');
    }
    const { cipher, digestSecret } = tokenKeyMaterial(rawKey);
    const keys = createSigningKeyStore({
      db: baseDeps.db,
      cipher,
      now: baseDeps.now,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      onFirstKey: auditFirstKey(baseDeps.now),
    });
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
