import { contractOnlyDeps, createLogger, openApiDocumentOf } from '@trellis/kit';
import { createMeetingsApp } from './app.ts';

/** The meetings OpenAPI document as the code defines it; `npm run contracts` writes it out. */
export function meetingsContract() {
  const app = createMeetingsApp({
    deps: contractOnlyDeps(),
    logger: createLogger({ service: 'meetings', instance: 'contract', level: 'silent' }),
    version: '1.0.0',
    instanceId: 'contract',
    ping: async () => {},
  });
  return openApiDocumentOf(app);
}
