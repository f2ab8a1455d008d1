import { defineStateMachine } from '@trellis/kit/state-machine';

/**
 * The user lifecycle and roles, the one definition of a user's statuses, the actions that move
 * them and the roles a user may hold: the contract's enums, the console and the state machine all
 * read it, and a test holds the database's `user_status` and `user_role` enums to it. It imports
 * only the dependency-free kit state machine, so the console can take it without the service.
 */

/** Every status a user can be in, the first being the one a new user starts in. */
export const userStatuses = ['active', 'suspended'] as const;

export type UserStatus = (typeof userStatuses)[number];

export const initialUserStatus = userStatuses[0];

export const userLifecycle = defineStateMachine(userStatuses, {
  suspend: { from: 'active', to: 'suspended' },
  reactivate: { from: 'suspended', to: 'active' },
});

export const { actions: userActions, actionsFrom: userActionsFrom } = userLifecycle;

export type UserAction = (typeof userActions)[number];

/** Every role, least to most powerful; a new user is a member. */
export const userRoles = ['member', 'operator', 'admin'] as const;

export type Role = (typeof userRoles)[number];
