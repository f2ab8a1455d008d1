import { UserStatusSchema } from './schema.ts';

/** What a 409 of a user transition carries (see `IllegalUserTransition`). */
export const TransitionConflictExtensions = { currentStatus: UserStatusSchema };
