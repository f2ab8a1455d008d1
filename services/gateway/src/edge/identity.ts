import { ApiError } from '@trellis/kit';
import type { Context } from 'hono';
import type { GatewayRoute } from '../contract/route-table.ts';
import type { ApiKeyVerifier, VerifiedKey } from './api-keys.ts';

/** Who is calling through the gateway, as the edge verified it. */
export interface EdgeCaller {
  apiKey?: VerifiedKey;
  /** The signed-in user's access token, verified, to forward as `x-trellis-user-token`. */
  userToken?: string;
}

function keyProblem(status: 'unauthorized' | 'forbidden', detail: string, message: string) {
  return new ApiError(status, {
    detail,
    errors: [{ in: 'header', path: 'x-api-key', message }],
  });
}

/** The API key of the call, verified through users; 401 when required and absent or refused. */
export async function verifiedApiKey(
  key: string | undefined,
  required: boolean,
  apiKeys: ApiKeyVerifier,
): Promise<VerifiedKey | undefined> {
  if (key === undefined || key === '') {
    if (required) {
      throw keyProblem(
        'unauthorized',
        'An API key is required: send it in the x-api-key header.',
        'is required',
      );
    }
    return undefined;
  }
  const verified = await apiKeys.verify(key);
  if (verified === undefined) {
    throw keyProblem(
      'unauthorized',
      'The API key is not valid: it is unknown, revoked or mistyped.',
      'is not a valid API key',
    );
  }
  return verified;
}

/** 403 naming the scope unless the key holds the one the route needs. */
export function assertScope(key: VerifiedKey | undefined, route: GatewayRoute): void {
  if (key === undefined || key.scopes.includes(route.scope)) {
    return;
  }
  const error = keyProblem(
    'forbidden',
    `The API key lacks the scope ${route.scope}, which ${route.method} ${route.template} needs.`,
    `lacks the scope ${route.scope}`,
  );
  error.extensions.scope = route.scope;
  throw error;
}

/** 401 unless a signed-in user's token came with a call that needs one. */
export function assertUser(userToken: string | undefined, route: GatewayRoute): void {
  if (userToken !== undefined || !route.needsUser) {
    return;
  }
  throw new ApiError('unauthorized', {
    detail: `${route.method} ${route.template} needs a signed-in user: send their access token as Authorization: Bearer.`,
    errors: [{ in: 'header', path: 'authorization', message: 'is required' }],
    headers: { 'www-authenticate': 'Bearer' },
  });
}

/** The bearer token of the call, if any. */
export function bearerToken(c: Context): string | undefined {
  return c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
}
