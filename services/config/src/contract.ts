import { contractOnlyDeps, createLogger, openApiDocumentOf } from '@trellis/kit';
import { createConfigApp } from './app.ts';

/** The config OpenAPI document as the code defines it; `npm run contracts` writes it out. */
export function configContract() {
  const app = createConfigApp({
    deps: contractOnlyDeps(),
    logger: createLogger({ service: 'config', instance: 'contract', level: 'silent' }),
    version: '1.0.0',
    instanceId: 'contract',
    ping: async () => {},
  });
  return openApiDocumentOf(app);
}
