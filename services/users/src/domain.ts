import { ApiError, IllegalStatusTransition } from '@trellis/kit';
import {
  type Role,
  type UserAction,
  type UserStatus,
  userLifecycle,
  userRoles,
} from './lifecycle.ts';

export type { Role, UserAction, UserStatus } from './lifecycle.ts';

export class EmailTaken extends ApiError {
  constructor(email: string) {
    super('conflict', {
      detail: `A user with the email ${email} already exists.`,
      errors: [{ in: 'body', path: 'email', message: 'is already taken' }],
    });
  }
}

export class IllegalUserTransition extends IllegalStatusTransition {
  constructor(from: UserStatus, action: UserAction) {
    super('a user', from, action);
  }
}

/** Roles are granted by admins alone: at sign-up, in a change, by anyone else. */
export class RolesNeedAdmin extends ApiError {
  constructor() {
    super('forbidden', {
      detail: 'Only an admin may grant or change roles.',
      errors: [{ in: 'body', path: 'roles', message: 'may only be set by an admin' }],
    });
  }
}

export class UserNotFound extends ApiError {
  constructor(id: string) {
    super('not_found', { detail: `No user with id ${id}.` });
  }
}

/**
 * Another request changed the user between this one's read and its write. An update was made
 * against what it read, so it must be read again (412); a transition can simply be retried (409).
 */
export class UserChangedMeanwhile extends ApiError {
  constructor(id: string, operation: 'update' | 'suspend' | 'reactivate') {
    super(operation === 'update' ? 'precondition_failed' : 'conflict', {
      detail:
        operation === 'update'
          ? `User ${id} changed while this update was being applied; read it again and retry.`
          : `User ${id} changed while this request was being applied; try again.`,
    });
  }
}

export class WeakPassword extends ApiError {
  constructor(reason: string) {
    super('unprocessable', {
      detail: `Strong passwords are required, and this one ${reason}.`,
      errors: [{ in: 'body', path: 'password', message: reason }],
    });
  }
}

/** A strong password: at least 12 characters, mixing letters with digits, spaces or symbols. */
export function assertStrongPassword(password: string): void {
  if ([...password].length < 12) {
    throw new WeakPassword('must be at least 12 characters');
  }
  if (!/\p{L}/u.test(password) || !/\P{L}/u.test(password)) {
    throw new WeakPassword('must mix letters with digits, spaces or symbols');
  }
}

/** Emails compare case-insensitively; we keep what the user typed, trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim();
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Where `action` takes a user in `current`; a conflict naming its status otherwise. */
export function nextStatus(current: UserStatus, action: UserAction): UserStatus {
  return userLifecycle.next(current, action, IllegalUserTransition);
}

/** Roles sorted and deduplicated, so `['admin', 'admin']` and `['admin']` are one value. */
export function normalizeRoles(roles: readonly Role[]): Role[] {
  return userRoles.filter((role) => roles.includes(role));
}
