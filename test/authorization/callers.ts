import type { Access, Role } from '@trellis/kit';
import type { ContractOperation } from './contracts.ts';

/**
 * Who the matrix calls each operation as, and what the operation's declared access says each
 * of them must get. The expectation is read from the declaration alone, by the rules of
 * docs/identity.md (roles ranked member < operator < admin; owners act on what they own; listed
 * services on anything; public for anyone), never written per operation.
 */

/** The people every fixture works with: the owner of what a call targets and the others. */
export type PersonName = 'owner' | 'other' | 'operator' | 'admin';

export type MatrixCaller =
  | { kind: 'anonymous' }
  | { kind: 'user'; person: PersonName }
  | { kind: 'service'; service: string; named: boolean };

export type Expectation =
  | { allowed: true /** A page holding only the caller's own items. */; ownOnly: boolean }
  | { allowed: false; status: 401 | 403 };

/** The platform's services, in the order an unnamed one is picked from. */
export const platformServices = ['gateway', 'meetings', 'orders', 'users', 'config'] as const;

export const roleOf: Record<PersonName, Role> = {
  owner: 'member',
  other: 'member',
  operator: 'operator',
  admin: 'admin',
};

const rank: Record<Role, number> = { member: 1, operator: 2, admin: 3 };

export function describeCaller(caller: MatrixCaller): string {
  switch (caller.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'user':
      return {
        owner: 'the member who owns the target',
        other: 'another member',
        operator: 'an operator',
        admin: 'an admin',
      }[caller.person];
    case 'service':
      return `service ${caller.service} (${caller.named ? 'named' : 'not named'} in the access)`;
  }
}

/**
 * Anonymous, the owning member, another member, an operator, an admin, a service the access
 * does not name (another platform service than the one called, when one is left) and each
 * service it names.
 */
export function callersOf(operation: ContractOperation, access: Access): MatrixCaller[] {
  const named = access.services ?? [];
  const unnamed =
    platformServices.find((name) => !named.includes(name) && name !== operation.service) ??
    'stranger';
  return [
    { kind: 'anonymous' },
    { kind: 'user', person: 'owner' },
    { kind: 'user', person: 'other' },
    { kind: 'user', person: 'operator' },
    { kind: 'user', person: 'admin' },
    { kind: 'service', service: unnamed, named: false },
    ...named.map((service) => ({ kind: 'service' as const, service, named: true })),
  ];
}

const allowed: Expectation = { allowed: true, ownOnly: false };
const forbidden: Expectation = { allowed: false, status: 403 };

/** What `caller` must get from an operation declaring `access`. */
export function expectationFor(
  access: Access,
  caller: MatrixCaller,
  operation: Pick<ContractOperation, 'isList'>,
): Expectation {
  if (caller.kind === 'anonymous') {
    return access.public ? allowed : { allowed: false, status: 401 };
  }
  if (caller.kind === 'service') {
    return access.public || access.services?.includes(caller.service) ? allowed : forbidden;
  }
  const role = roleOf[caller.person];
  if (access.role && rank[role] >= rank[access.role]) {
    return allowed;
  }
  if (access.owner && operation.isList) {
    // Let in as the owner of their own items, whoever they are: the page holds only those.
    return { allowed: true, ownOnly: true };
  }
  if (access.owner) {
    return caller.person === 'owner' ? allowed : forbidden;
  }
  return access.public ? allowed : forbidden;
}

export function describeExpectation(expectation: Expectation): string {
  if (!expectation.allowed) {
    return `${expectation.status} problem`;
  }
  return expectation.ownOnly ? '2xx with only their own items' : '2xx';
}
