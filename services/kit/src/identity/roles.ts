/** The roles a user can hold, lowest first: an admin may do all an operator may, and so on. */
export const roles = ['member', 'operator', 'admin'] as const;

export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { member: 1, operator: 2, admin: 3 };

/** The highest role held; any signed-in user is at least a member. */
export function highestRole(held: readonly string[]): Role {
  let best: Role = 'member';
  for (const role of held) {
    if (role in rank && rank[role as Role] > rank[best]) {
      best = role as Role;
    }
  }
  return best;
}

/** Whether roles `held` include `role` or one above it. */
export function holdsRole(held: readonly string[], role: Role): boolean {
  return rank[highestRole(held)] >= rank[role];
}

/** Only the names of `roles`, in their order; unknown strings in a token are dropped. */
export function knownRoles(values: unknown): Role[] {
  if (!Array.isArray(values)) {
    return [];
  }
  return roles.filter((role) => values.includes(role));
}
