import type { UserRow } from '@trellis/db/schema';
import {
  ApiError,
  createRoute,
  errorResponses,
  jsonBody,
  jsonResponse,
  type ServiceApp,
} from '@trellis/kit';
import { originOf, type RequestOrigin, recordSecurityEvent } from '../../audit.ts';
import type { UsersDeps } from '../../deps.ts';
import { hashPassword, verifyPassword } from '../../password.ts';
import { findUserByEmail } from '../../repository/users.ts';
import { startSession } from '../../sessions.ts';
import { presentSession } from './present.ts';
import { CreateSessionSchema, SessionSchema } from './schema.ts';

export const createSessionRoute = createRoute({
  method: 'post',
  path: '/v1/sessions',
  operationId: 'sessions.create',
  tags: ['sessions'],
  summary: 'Sign in with email and password',
  description:
    'Limited per email (the one in this body) and per source address: 429 with `Retry-After` ' +
    'past either. A wrong password and an unknown email get the same answer.',
  access: { public: true },
  request: { body: jsonBody(CreateSessionSchema) },
  responses: {
    201: jsonResponse(SessionSchema, 'Signed in: an access token and a refresh token.'),
    ...errorResponses('unauthorized', 'forbidden', 'rate_limited'),
  },
});

const wrongCredentials = () =>
  new ApiError('unauthorized', { detail: 'The email or password is wrong.' });

// Hashed once per process and cost: unknown emails still pay for a full hash, so response
// time does not reveal which emails have accounts.
const decoyHashes = new Map<number, Promise<string>>();

function decoyHash(iterations: number): Promise<string> {
  let hash = decoyHashes.get(iterations);
  if (!hash) {
    hash = hashPassword('decoy password', iterations);
    decoyHashes.set(iterations, hash);
  }
  return hash;
}

type Refusal = 'unknown_email' | 'wrong_password' | 'suspended';

/** The user whose password this is, or the refusal; an unknown email costs a hash too. */
async function checkPassword(
  deps: UsersDeps,
  email: string,
  password: string,
): Promise<UserRow | { refused: Refusal; user?: UserRow }> {
  const user = await findUserByEmail(deps.db, email);
  if (!user?.passwordHash) {
    await verifyPassword(password, await decoyHash(deps.passwordIterations));
    return user ? { refused: 'wrong_password', user } : { refused: 'unknown_email' };
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    return { refused: 'wrong_password', user };
  }
  return user.status === 'active' ? user : { refused: 'suspended', user };
}

function auditRefusal(
  deps: UsersDeps,
  origin: RequestOrigin,
  email: string,
  reason: Refusal,
  user?: UserRow,
) {
  return recordSecurityEvent(
    deps.db,
    origin,
    {
      action: 'session.sign_in',
      outcome: 'refused',
      subject: user?.id ?? null,
      detail: { email, reason },
    },
    deps.now(),
  );
}

export function registerCreateSession(app: ServiceApp<UsersDeps>) {
  app.openapi(createSessionRoute, async (c) => {
    const deps = c.get('deps');
    const { email, password } = c.req.valid('json');
    const origin = originOf(c);
    const checked = await checkPassword(deps, email, password);
    if ('refused' in checked) {
      await auditRefusal(deps, origin, email, checked.refused, checked.user);
      throw checked.refused === 'suspended'
        ? new ApiError('forbidden', { detail: 'This account is suspended.' })
        : wrongCredentials();
    }
    const session = await startSession(deps, checked, origin);
    c.header('cache-control', 'no-store');
    return c.json(presentSession(session), 201);
  });
}
