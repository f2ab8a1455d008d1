import { defineService } from '@trellis/kit';
import { gatewayConfig } from './config.ts';
import type { GatewayDeps } from './deps.ts';
import { gatewayEnvSchema } from './env.ts';
import { createGreetingsRouter } from './routes/greetings/index.ts';

/** The gateway service, declared; `runOnNode(gatewayService)` and `runOnDeno` serve it. */
export const gatewayService = defineService({
  name: 'gateway',
  description: 'The gateway service.',
  envSchema: gatewayEnvSchema,
  config: gatewayConfig,
  routes: [createGreetingsRouter],
  deps: ({ baseDeps }): GatewayDeps => baseDeps,
});
