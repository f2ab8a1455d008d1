import { createService, type Logger } from '@trellis/kit';
import type { OrdersDeps } from './deps.ts';
import { createOrdersRouter } from './routes/orders/index.ts';

export interface OrdersAppOptions {
  deps: OrdersDeps;
  logger: Logger;
  version: string;
  instanceId: string;
  ping: () => Promise<void>;
}

/** The orders service, runtime-agnostic: Node and Deno entries both serve this app. */
export function createOrdersApp(options: OrdersAppOptions) {
  const app = createService({
    name: 'orders',
    version: options.version,
    instanceId: options.instanceId,
    description:
      'Orders with server-computed totals, idempotent creation and a payment state machine; ' +
      'every change is published as a domain event.',
    logger: options.logger,
    deps: options.deps,
    readiness: { database: options.ping },
  });
  app.route('/', createOrdersRouter());
  return app;
}
