import { contractOnlyDeps, createLogger, openApiDocumentOf } from '@trellis/kit';
import { createUsersApp } from './app.ts';

/** The users OpenAPI document as the code defines it; `npm run contracts` writes it out. */
export function usersContract() {
  const app = createUsersApp({
    deps: contractOnlyDeps(),
    logger: createLogger({ service: 'users', instance: 'contract', level: 'silent' }),
    version: '1.0.0',
    instanceId: 'contract',
    ping: async () => {},
  });
  return openApiDocumentOf(app);
}
