import { defineService } from '@trellis/kit';
import { usersConfig } from './config.ts';
import type { UsersDeps } from './deps.ts';
import { usersEnvSchema } from './env.ts';
import { createSessionsRouter } from './routes/sessions/index.ts';
import { createUsersRouter } from './routes/users/index.ts';

/** The users service, declared; `runOnNode(usersService)` and `runOnDeno` serve it. */
export const usersService = defineService({
  name: 'users',
  description:
    'Accounts with unique emails, statuses and roles; password sign-in issuing short-lived JWTs.',
  envSchema: usersEnvSchema,
  config: usersConfig,
  routes: [createUsersRouter, createSessionsRouter],
  deps: ({ baseDeps, env }): UsersDeps => ({
    ...baseDeps,
    tokens: {
      secret: new TextEncoder().encode(env.JWT_SECRET),
      issuer: env.JWT_ISSUER,
      ttlSeconds: env.JWT_TTL_SECONDS,
    },
    passwordIterations: env.PASSWORD_ITERATIONS,
  }),
});
