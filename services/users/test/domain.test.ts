import { describe, expect, it } from 'vitest';
import { IllegalUserTransition, nextStatus, normalizeRoles } from '../src/domain.ts';
import { userActions, userActionsFrom, userStatuses } from '../src/lifecycle.ts';

describe('the user state machine', () => {
  it('suspends an active user and reactivates a suspended one', () => {
    expect(nextStatus('active', 'suspend')).toBe('suspended');
    expect(nextStatus('suspended', 'reactivate')).toBe('active');
  });

  it('refuses to suspend a suspended user or reactivate an active one, with 409', () => {
    for (const [from, action] of [
      ['suspended', 'suspend'],
      ['active', 'reactivate'],
    ] as const) {
      expect(() => nextStatus(from, action)).toThrow(IllegalUserTransition);
    }
  });

  it.each(userStatuses)('offers for %s exactly the actions the state machine accepts', (status) => {
    const accepted = userActions.filter((action) => {
      try {
        nextStatus(status, action);
        return true;
      } catch {
        return false;
      }
    });
    expect(userActionsFrom(status)).toEqual(accepted);
    expect(accepted).toHaveLength(1);
  });
});

describe('normalizeRoles', () => {
  it('sorts roles from member to admin and drops repeats', () => {
    expect(normalizeRoles(['admin', 'member', 'admin'])).toEqual(['member', 'admin']);
  });
});
