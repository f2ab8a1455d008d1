import { defineTopic, type Topic, z } from '@trellis/kit';
import { UserSchema } from './routes/users/schema.ts';

/** Every user event carries the user as it is after the change (never the password hash). */
export const UserEventSchema = z.object({ user: UserSchema });

export type UserEventPayload = z.infer<typeof UserEventSchema>;

const aboutTheUser = {
  key: (payload: UserEventPayload) => payload.user.id,
  audience: (payload: UserEventPayload) => [payload.user.id],
};

export const userCreated = defineTopic('user.created', UserEventSchema, {
  description: 'A user signed up or was created by an admin.',
  ...aboutTheUser,
});

export const userUpdated = defineTopic('user.updated', UserEventSchema, {
  description: "A user's email, name or roles changed.",
  ...aboutTheUser,
});

export const userSuspended = defineTopic('user.suspended', UserEventSchema, {
  description:
    'A user was suspended: their sessions end, orders cancels their pending orders and ' +
    'meetings takes them out of future meetings.',
  ...aboutTheUser,
});

export const userReactivated = defineTopic('user.reactivated', UserEventSchema, {
  description: 'A suspended user was reactivated and may sign in again.',
  ...aboutTheUser,
});

export type UserTopic = Topic<typeof UserEventSchema>;

/** The topics users publishes, for the messaging service and the console. */
export const usersTopics: readonly UserTopic[] = [
  userCreated,
  userUpdated,
  userSuspended,
  userReactivated,
];
