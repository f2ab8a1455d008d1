import { createRoute, errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import { originOf } from '../../audit.ts';
import type { UsersDeps } from '../../deps.ts';
import { refreshSession } from '../../sessions.ts';
import { presentSession } from './present.ts';
import { RefreshTokenRequestSchema, SessionSchema } from './schema.ts';

export const refreshSessionRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/refresh',
  operationId: 'sessions.refresh',
  tags: ['sessions'],
  summary: 'Trade a refresh token for new tokens',
  description:
    'The refresh token is spent: the answer holds the next one and an access token with the ' +
    "user's roles as they are now. A spent token presented again ends its whole session (401); " +
    "so does a suspended user's refresh.",
  access: { public: true },
  request: { body: jsonBody(RefreshTokenRequestSchema) },
  responses: {
    201: jsonResponse(SessionSchema, 'New tokens; the refresh token sent is spent.'),
    ...errorResponses('unauthorized'),
  },
});

export function registerRefreshSession(app: ServiceApp<UsersDeps>) {
  app.openapi(refreshSessionRoute, async (c) => {
    const { refreshToken } = c.req.valid('json');
    const session = await refreshSession(c.get('deps'), refreshToken, originOf(c));
    c.header('cache-control', 'no-store');
    return c.json(presentSession(session), 201);
  });
}
