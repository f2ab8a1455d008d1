import 'server-only';
import type { UsersComponents } from '@trellis/client';
import { apiKeyScopes as usersApiKeyScopes } from '@trellis/users/access-terms';
import { type Outcome, outcomeOf } from '@/lib/problem';
import { asOperator, type Caller, serviceClient } from '@/lib/services';

export type ApiKey = UsersComponents['schemas']['ApiKey'];
export type ApiKeyPage = UsersComponents['schemas']['ApiKeyPage'];
export type ApiKeyScope = UsersComponents['schemas']['ApiKeyScope'];

/** The scopes users grants: read is GET and HEAD. */
export const apiKeyScopes: readonly ApiKeyScope[] = usersApiKeyScopes;

export function listApiKeys(
  caller: Caller,
  query: { cursor?: string | undefined },
): Promise<Outcome<ApiKeyPage>> {
  return outcomeOf(
    serviceClient('users').GET('/v1/api-keys', {
      headers: asOperator(caller),
      params: { query: { limit: 50, ...(query.cursor ? { cursor: query.cursor } : {}) } },
    }),
  );
}

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (apiKeyScopes as readonly string[]).includes(value);
}
