import { type ServiceClient, upstreamFailure } from '@trellis/client';
import type { DirectoryAnswer } from './domain.ts';

/** The most ids users' lookup takes in one call. */
const lookupLimit = 100;

/**
 * Finds the given users through the users service's batch lookup: one call for up to 100 ids
 * (organizer plus 99 attendees), two only when a full list of 100 attendees comes with the
 * organizer. Unreachable users surfaces as the transport's 503. The call carries meetings' own
 * token and the token of the user the request is made for; users admits the meetings service
 * here whoever it acts for, since a member books with people whose accounts they cannot read.
 */
export async function lookupUsers(
  users: ServiceClient<'users'>,
  ids: readonly string[],
): Promise<DirectoryAnswer> {
  const unique = [...new Set(ids)];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += lookupLimit) {
    batches.push(unique.slice(i, i + lookupLimit));
  }
  const answers = await Promise.all(
    batches.map(async (batch) => {
      const { data, response } = await users.POST('/v1/users/lookup', { body: { ids: batch } });
      if (!data) {
        throw upstreamFailure('users', response);
      }
      return data;
    }),
  );
  return {
    found: answers.flatMap((answer) => answer.items.map(({ id, status }) => ({ id, status }))),
    missing: answers.flatMap((answer) => answer.missing),
  };
}
