import { createRoute, errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { findUsersByIds } from '../../repository/users.ts';
import { presentUser } from './present.ts';
import { LookupResultSchema, LookupUsersSchema } from './schema.ts';

export const lookupUsersRoute = createRoute({
  method: 'post',
  path: '/v1/users/lookup',
  operationId: 'users.lookup',
  tags: ['users'],
  summary: 'Fetch up to 100 users by id in one call',
  access: { role: 'operator', services: ['meetings', 'orders'] },
  request: { body: jsonBody(LookupUsersSchema) },
  responses: {
    200: jsonResponse(LookupResultSchema, 'The users found and the ids that were not.'),
    ...errorResponses(),
  },
});

export function registerLookupUsers(app: ServiceApp<UsersDeps>) {
  app.openapi(lookupUsersRoute, async (c) => {
    const ids = [...new Set(c.req.valid('json').ids)];
    const rows = await findUsersByIds(c.get('deps').db, ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const items = ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [presentUser(row)] : [];
    });
    return c.json({ items, missing: ids.filter((id) => !byId.has(id)) }, 200);
  });
}
