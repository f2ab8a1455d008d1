import { createClient, registryDiscovery } from '@trellis/client';
import { defineService } from '@trellis/kit';
import { ordersConfig } from './config.ts';
import type { OrdersDeps } from './deps.ts';
import { ordersEnvSchema } from './env.ts';
import { createOrdersRouter } from './routes/orders/index.ts';
import { ordersSubscriptions } from './subscriptions/index.ts';

/** The orders service, declared; `runOnNode(ordersService)` and `runOnDeno` serve it. */
export const ordersService = defineService({
  name: 'orders',
  description:
    'Orders with server-computed totals, idempotent creation and a payment state machine; ' +
    'every change is published as a domain event.',
  envSchema: ordersEnvSchema,
  config: ordersConfig,
  routes: [createOrdersRouter],
  discovery: registryDiscovery,
  clients: { users: (options) => createClient('users', options) },
  subscriptions: ordersSubscriptions,
  deps: ({ baseDeps }): OrdersDeps => baseDeps,
});
