import { idCursor, listRoute, registerList, type ServiceApp } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { listApiKeys } from '../../repository/api-keys.ts';
import { presentApiKey } from './present.ts';
import { ApiKeyPageSchema, ListApiKeysQuerySchema } from './schema.ts';

export const listApiKeysRoute = listRoute({
  operationId: 'apikeys.list',
  path: '/v1/api-keys',
  tags: ['api-keys'],
  summary: 'List API keys, newest first (never their secrets)',
  access: { role: 'admin' },
  request: { query: ListApiKeysQuerySchema },
  page: { schema: ApiKeyPageSchema, description: 'One page of API keys.' },
});

export function registerListApiKeys(app: ServiceApp<UsersDeps>) {
  registerList(app, listApiKeysRoute, {
    cursor: idCursor,
    rows: ({ db }, query) => listApiKeys(db, query),
    present: presentApiKey,
  });
}
