import { type ServiceClient, upstreamFailure } from '@trellis/client';
import type { DirectoryUser } from './domain.ts';

/**
 * Finds the user placing an order through the users service; undefined when users does not
 * know them. Unreachable users surfaces as the transport's 503. The call carries orders' own
 * token and the token of the user the request is made for; users admits the orders service
 * here whoever it acts for, since a member may place an order but not read accounts.
 */
export async function lookupUser(
  users: ServiceClient<'users'>,
  id: string,
): Promise<DirectoryUser | undefined> {
  const { data, response } = await users.GET('/v1/users/{id}', { params: { path: { id } } });
  if (data) {
    return { status: data.status };
  }
  if (response.status === 404) {
    return undefined;
  }
  throw upstreamFailure('users', response);
}
