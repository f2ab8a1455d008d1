import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  callersOf,
  describeCaller,
  describeExpectation,
  type Expectation,
  expectationFor,
  type MatrixCaller,
  platformServices,
} from './callers.ts';
import { allOperations, type ContractOperation, servicesWithContracts } from './contracts.ts';
import { fixtures } from './fixtures/index.ts';
import { type MatrixPlatform, startMatrixPlatform } from './platform.ts';
import { type Answer, callOperation, fixtureContext, personOf } from './requests.ts';

/**
 * The authorization matrix: every operation of every committed contract (the gateway's merged
 * document included), called as anonymous, the member who owns its target, another member, an
 * operator, an admin, a service its access does not name, each service it names and the
 * metrics token, against the services running in this process. Each must answer exactly what
 * its declared access (`x-trellis-access`) says (see callers.ts and docs/identity.md): 2xx
 * when allowed (for a member let in as an owner of a list, a page of only their own items),
 * else a 401 problem for anonymous and a 403 problem for anyone else. Every operation needs a
 * fixture (fixtures/<service>.ts) that prepares a fresh request the allowed callers succeed
 * with.
 */

const operations = allOperations();
const title = (operation: ContractOperation) => `${operation.service} ${operation.operationId}`;
const fixtureOf = (operation: ContractOperation) =>
  fixtures[operation.owningService]?.[operation.operationId];

describe('the operations the matrix is made of', () => {
  it('come from the contract of every service, the gateway included', () => {
    expect(servicesWithContracts()).toEqual(expect.arrayContaining([...platformServices]));
  });

  it.each(operations.map((operation) => [title(operation), operation] as const))(
    '%s declares who may call it',
    (_, operation) => {
      expect(
        operation.access,
        `${title(operation)} (${operation.method} ${operation.path}) has no x-trellis-access: give its createRoute an access`,
      ).toBeDefined();
    },
  );

  it.each(operations.map((operation) => [title(operation), operation] as const))(
    '%s has a matrix fixture',
    (_, operation) => {
      expect(
        fixtureOf(operation),
        `no fixture for ${title(operation)}: add one to test/authorization/fixtures/${operation.owningService}.ts`,
      ).toBeDefined();
    },
  );

  it('has no fixture for an operation no contract holds', () => {
    const known = new Set(
      operations.map((operation) => `${operation.owningService} ${operation.operationId}`),
    );
    const stale = Object.entries(fixtures).flatMap(([service, byId]) =>
      Object.keys(byId)
        .map((operationId) => `${service} ${operationId}`)
        .filter((name) => !known.has(name)),
    );
    expect(stale).toEqual([]);
  });

  it.each(
    operations
      .filter((operation) => operation.access)
      .map((operation) => [title(operation), operation] as const),
  )('%s documents its security as its access says', (_, operation) => {
    expect(operation.security).toEqual(securityOf(operation));
  });
});

/**
 * A public operation takes a bearer token or none, any other one a bearer token; through the
 * gateway, an API key with the operation's scope (`<service>:read` for GET and HEAD, else
 * `:write`) and, unless public, the user's bearer token.
 */
function securityOf(operation: ContractOperation) {
  const open = operation.access?.public;
  if (operation.service !== 'gateway') {
    return open ? [{}, { bearerAuth: [] }] : [{ bearerAuth: [] }];
  }
  const reads = operation.method === 'GET' || operation.method === 'HEAD';
  const apiKey = [`${operation.owningService}:${reads ? 'read' : 'write'}`];
  return open ? [{ apiKey }] : [{ apiKey, bearerAuth: [] }];
}

/** The cases of one operation: each caller and what it must get. */
function casesOf(operation: ContractOperation) {
  const access = operation.access;
  if (!access || !fixtureOf(operation)) {
    return []; // failed above
  }
  return callersOf(operation, access).map((caller) => ({
    caller,
    expectation: expectationFor(access, caller, operation),
  }));
}

let platform: MatrixPlatform;

function callerId(caller: MatrixCaller, plan: Parameters<typeof personOf>[2]): string | undefined {
  return caller.kind === 'user' ? personOf(platform, caller, plan).id : undefined;
}

function summary(answer: Answer): string {
  const detail = answer.body.detail ?? answer.body.title ?? answer.text.slice(0, 200);
  return `${answer.status}${detail ? ` (${String(detail)})` : ''}`;
}

async function check(operation: ContractOperation, caller: MatrixCaller, expected: Expectation) {
  const fixture = fixtureOf(operation);
  if (!fixture) {
    throw new Error(`no fixture for ${title(operation)}`);
  }
  const plan = await fixture(fixtureContext(platform), caller);
  const answer = await callOperation(platform, operation, caller, plan);
  const where = `${title(operation)} as ${describeCaller(caller)}: expected ${describeExpectation(expected)}, got ${summary(answer)}`;
  if (!expected.allowed) {
    expect(answer.status, where).toBe(expected.status);
    expect(answer.contentType, where).toContain('application/problem+json');
    expect(answer.body.status, where).toBe(expected.status);
    return;
  }
  expect(answer.status >= 200 && answer.status < 300, where).toBe(true);
  if (expected.ownOnly) {
    const items = answer.body.items as Record<string, unknown>[] | undefined;
    expect(Array.isArray(items), `${where}, without items`).toBe(true);
    const id = callerId(caller, plan);
    const foreign = (items ?? []).filter((item) => !plan.visibleTo?.(item).includes(String(id)));
    expect(foreign, `${where}, yet the page holds items of others`).toEqual([]);
    // The fixture gave both members something: an empty page would prove nothing.
    expect(items?.length, `${where}, yet the page misses their own`).toBeGreaterThan(0);
  }
}

describe('the authorization matrix', () => {
  beforeAll(async () => {
    const named = operations.flatMap((operation) => operation.access?.services ?? []);
    const trusted = [...new Set([...platformServices, ...named, 'stranger'])];
    // Users first: the others check people through it.
    const services = servicesWithContracts().sort((a, b) =>
      a === 'users' ? -1 : b === 'users' ? 1 : 0,
    );
    platform = await startMatrixPlatform(
      inject('adminDatabaseUrl'),
      services,
      trusted,
      inject('redisUrl'),
    );
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  for (const service of servicesWithContracts()) {
    // Config requests share one namespace × service and its release history: one at a time.
    const group = service === 'config' ? describe.sequential : describe.concurrent;
    group(service, () => {
      for (const operation of operations.filter((candidate) => candidate.service === service)) {
        for (const { caller, expectation } of casesOf(operation)) {
          it(`${operation.operationId} answers ${describeCaller(caller)} with ${describeExpectation(expectation)}`, () =>
            check(operation, caller, expectation));
        }
      }
    });
  }
});
