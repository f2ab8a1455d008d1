import { createRoute, errorResponses, jsonBody, type ServiceApp } from '@trellis/kit';
import { originOf } from '../../audit.ts';
import type { UsersDeps } from '../../deps.ts';
import { endSession } from '../../sessions.ts';
import { RefreshTokenRequestSchema } from './schema.ts';

export const signOutRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/sign-out',
  operationId: 'sessions.signOut',
  tags: ['sessions'],
  summary: 'Sign out: end the session of a refresh token',
  description:
    'Every refresh token of the session stops working; its access tokens run out within their ' +
    'lifetime. Answers 204 for an unknown or already ended session too.',
  access: { public: true },
  request: { body: jsonBody(RefreshTokenRequestSchema) },
  responses: {
    204: { description: 'The session is ended.' },
    ...errorResponses(),
  },
});

export function registerSignOut(app: ServiceApp<UsersDeps>) {
  app.openapi(signOutRoute, async (c) => {
    const { refreshToken } = c.req.valid('json');
    await endSession(c.get('deps'), refreshToken, originOf(c));
    return c.body(null, 204);
  });
}
