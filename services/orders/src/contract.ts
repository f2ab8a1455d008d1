import { contractOnlyDeps, createLogger, openApiDocumentOf } from '@trellis/kit';
import { createOrdersApp } from './app.ts';

/** The orders OpenAPI document as the code defines it; `npm run contracts` writes it out. */
export function ordersContract() {
  const app = createOrdersApp({
    deps: contractOnlyDeps(),
    logger: createLogger({ service: 'orders', instance: 'contract', level: 'silent' }),
    version: '1.0.0',
    instanceId: 'contract',
    ping: async () => {},
  });
  return openApiDocumentOf(app);
}
