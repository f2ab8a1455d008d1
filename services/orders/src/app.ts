import { createService, type Logger, type Resilience } from '@trellis/kit';
import type { OrdersDeps } from './deps.ts';
import { createOrdersRouter } from './routes/orders/index.ts';

export interface OrdersAppOptions {
  /** The engine the service's rules live in; `connectPlatform` makes one. */
  resilience?: Resilience;
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
    ...(options.resilience ? { resilience: options.resilience } : {}),
    readiness: { database: options.ping },
  });
  app.route('/', createOrdersRouter());
  return app;
}
