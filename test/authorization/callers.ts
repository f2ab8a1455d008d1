import type { Access, Role } from '@trellis/kit';
import type { ContractOperation } from './contracts.ts';

/**
 * Who the matrix calls each operation as, and what the operation's declared access says each
 * of them must get. The expectation is read from the declaration alone, by the rules of
 * docs/identity.md (roles ranked member < operator < admin; owners act on what they own; listed
 * services, or any service of the platform, on anything; the metrics token where it is named;
 * public for anyone), never written per operation.
 *
 * Through the gateway every caller is an outside consumer with an API key holding the scope
 * the operation needs; the gateway speaks to the service with its own token and the user's, so
 * there a service's or the metrics token is no user: public operations only. Two more callers
 * try the gateway's own door: no API key (401) and a key without the scope (403).
 */

/** The people every fixture works with: the owner of what a call targets and the others. */
export type PersonName = 'owner' | 'other' | 'operator' | 'admin';

export type MatrixCaller =
  | { kind: 'anonymous' }
  | { kind: 'user'; person: PersonName }
  | { kind: 'service'; service: string; named: boolean }
  | { kind: 'metrics' }
  /** Through the gateway: an admin's token, and no API key. */
  | { kind: 'no-api-key' }
  /** Through the gateway: an admin's token, and an API key without the scope needed. */
  | { kind: 'api-key-without-scope' };

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
    case 'metrics':
      return 'the metrics token';
    case 'no-api-key':
      return 'an admin without an API key';
    case 'api-key-without-scope':
      return 'an admin whose API key lacks the scope';
  }
}

function servicesNamed(access: Access): string[] {
  if (access.anyService) {
    return [...platformServices];
  }
  return [...(access.services ?? [])];
}

/**
 * Anonymous, the owning member, another member, an operator, an admin, a service the access
 * does not name (another platform service than the one called, when one is left), each service
 * it names, and the metrics token; through the gateway, the gateway's own door too.
 */
export function callersOf(operation: ContractOperation, access: Access): MatrixCaller[] {
  // Through the gateway a service is one more consumer, whatever the access names.
  const named = operation.service === 'gateway' ? [] : servicesNamed(access);
  const unnamed = access.anyService
    ? []
    : [
        platformServices.find((name) => !named.includes(name) && name !== operation.service) ??
          'stranger',
      ];
  const gatewayDoor: MatrixCaller[] =
    operation.service === 'gateway'
      ? [{ kind: 'no-api-key' }, { kind: 'api-key-without-scope' }]
      : [];
  return [
    { kind: 'anonymous' },
    { kind: 'user', person: 'owner' },
    { kind: 'user', person: 'other' },
    { kind: 'user', person: 'operator' },
    { kind: 'user', person: 'admin' },
    ...unnamed.map((service) => ({ kind: 'service' as const, service, named: false })),
    ...named.map((service) => ({ kind: 'service' as const, service, named: true })),
    { kind: 'metrics' },
    ...gatewayDoor,
  ];
}

const allowed: Expectation = { allowed: true, ownOnly: false };
const unauthorized: Expectation = { allowed: false, status: 401 };
const forbidden: Expectation = { allowed: false, status: 403 };

function forUser(
  access: Access,
  person: PersonName,
  operation: Pick<ContractOperation, 'isList'>,
): Expectation {
  if (access.role && rank[roleOf[person]] >= rank[access.role]) {
    return allowed;
  }
  if (access.owner && operation.isList) {
    // Let in as the owner of their own items, whoever they are: the page holds only those.
    return { allowed: true, ownOnly: true };
  }
  if (access.owner) {
    return person === 'owner' ? allowed : forbidden;
  }
  return access.public ? allowed : forbidden;
}

/** What `caller` must get from an operation declaring `access`. */
export function expectationFor(
  access: Access,
  caller: MatrixCaller,
  operation: Pick<ContractOperation, 'isList' | 'service'>,
): Expectation {
  const throughGateway = operation.service === 'gateway';
  switch (caller.kind) {
    case 'user':
      return forUser(access, caller.person, operation);
    case 'anonymous':
      return access.public ? allowed : unauthorized;
    case 'no-api-key':
      return unauthorized;
    case 'api-key-without-scope':
      return forbidden;
    case 'service':
      if (throughGateway) {
        return access.public ? allowed : unauthorized;
      }
      return access.public || access.anyService || access.services?.includes(caller.service)
        ? allowed
        : forbidden;
    case 'metrics':
      if (throughGateway) {
        return access.public ? allowed : unauthorized;
      }
      return access.public || access.metrics ? allowed : forbidden;
  }
}

export function describeExpectation(expectation: Expectation): string {
  if (!expectation.allowed) {
    return `${expectation.status} problem`;
  }
  return expectation.ownOnly ? '2xx with only their own items' : '2xx';
}
