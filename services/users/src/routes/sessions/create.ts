import {
  ApiError,
  createRoute,
  errorResponses,
  jsonBody,
  jsonResponse,
  type ServiceApp,
} from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { hashPassword, verifyPassword } from '../../password.ts';
import { findUserByEmail } from '../../repository/users.ts';
import { issueAccessToken } from '../../tokens.ts';
import { presentUser } from '../users/present.ts';
import { CreateSessionSchema, SessionSchema } from './schema.ts';

export const createSessionRoute = createRoute({
  method: 'post',
  path: '/v1/sessions',
  operationId: 'sessions.create',
  tags: ['sessions'],
  summary: 'Sign in with email and password',
  request: { body: jsonBody(CreateSessionSchema) },
  responses: {
    201: jsonResponse(SessionSchema, 'Signed in: an access token for the user.'),
    ...errorResponses('unauthorized', 'forbidden'),
  },
});

const wrongCredentials = () =>
  new ApiError('unauthorized', { detail: 'The email or password is wrong.' });

// Hashed once per process: unknown emails still pay for a full hash, so response time does
// not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;

export function registerCreateSession(app: ServiceApp<UsersDeps>) {
  app.openapi(createSessionRoute, async (c) => {
    const { db, tokens, now, passwordIterations } = c.get('deps');
    const { email, password } = c.req.valid('json');
    const user = await findUserByEmail(db, email);
    if (!user?.passwordHash) {
      decoyHash ??= hashPassword('decoy password', passwordIterations);
      await verifyPassword(password, await decoyHash);
      throw wrongCredentials();
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      throw wrongCredentials();
    }
    if (user.status !== 'active') {
      throw new ApiError('forbidden', { detail: 'This account is suspended.' });
    }
    const accessToken = await issueAccessToken(user, tokens, now());
    c.header('cache-control', 'no-store');
    return c.json(
      {
        accessToken,
        tokenType: 'Bearer' as const,
        expiresIn: tokens.ttlSeconds,
        user: presentUser(user),
      },
      201,
    );
  });
}
