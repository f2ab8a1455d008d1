import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusedByGuard } from '../access.ts';
import { applyMutations, type Mutation, mutationsOf } from './bad-values.ts';
import {
  type Operation,
  operationsOf,
  type RequestSpec,
  readContract,
  requestInitOf,
  urlOf,
} from './openapi-requests.ts';
import { type Platform, startPlatform } from './platform.ts';

/**
 * Every operation of every contract, sent generated bad input (wrong types, NUL, lone
 * surrogates, huge and negative numbers, extreme dates, long strings, malformed JSON, missing
 * and unknown fields, unknown ids) by a caller the operation's declared access lets in, so
 * the input is what is judged: the answer is a 4xx problem+json or a status the contract
 * documents, never a 5xx. A fixed seed keeps CI repeatable;
 * `BAD_INPUT_SEED=<n>` explores others and `BAD_INPUT_RUNS=<n>` sends more per operation.
 */

const seed = Number(process.env.BAD_INPUT_SEED ?? 20261204);
const runsPerOperation = Number(process.env.BAD_INPUT_RUNS ?? 100);
/** Long polls and event streams answer when the caller goes away; this caller leaves soon. */
const deadlineMs = 1500;

const services = ['users', 'orders', 'meetings', 'config'];
const operations = (
  await Promise.all(services.map(async (s) => operationsOf(s, await readContract(s))))
).flat();

let platform: Platform;
let sent = 0;
const startedAt = performance.now();

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  // The figures CI reports for this test: how much it sent and how long it took.
  // biome-ignore lint/suspicious/noConsole: a summary line, not a log
  console.info(
    `bad input: ${sent} requests over ${operations.length} operations in ${seconds} s (seed ${seed})`,
  );
  await platform?.close();
});

async function send(operation: Operation, spec: RequestSpec) {
  sent++;
  const init = requestInitOf(operation, spec, AbortSignal.timeout(deadlineMs));
  return platform.send(operation, urlOf(operation, spec), init);
}

function describeRequest(operation: Operation, spec: RequestSpec, mutations: Mutation[]) {
  const body = spec.body && ('raw' in spec.body ? spec.body.raw : JSON.stringify(spec.body.json));
  return JSON.stringify({ url: urlOf(operation, spec), mutations, body: body?.slice(0, 300) });
}

async function expectHandled(operation: Operation, spec: RequestSpec, mutations: Mutation[]) {
  const res = await send(operation, spec);
  const where = `${operation.id} answered ${res.status} to ${describeRequest(operation, spec, mutations)}`;
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.includes('text/event-stream')) {
    await res.body?.cancel();
  }
  expect(res.status, where).toBeLessThan(500);
  if (res.status >= 400) {
    expect(contentType, where).toBe('application/problem+json');
    const problem = (await res.json()) as { status: number; errors: unknown[] };
    expect(problem.status, where).toBe(res.status);
    expect(Array.isArray(problem.errors), where).toBe(true);
  } else {
    expect(operation.documentedStatuses.has(String(res.status)), where).toBe(true);
  }
}

describe('every operation of every contract, sent bad input', () => {
  it('covers every service', () => {
    expect(new Set(operations.map((operation) => operation.service))).toEqual(new Set(services));
  });

  it.each(operations.map((operation, index) => [operation.id, operation, index] as const))(
    '%s answers a 4xx problem or a documented status, never a 5xx',
    async (_, operation, index) => {
      const baseline = platform.baseline(operation);
      // Unmutated, the request gets past the access guard: the fuzzer calls as someone the
      // operation admits, so what it sends is judged on its input.
      const valid = await send(operation, baseline);
      const problem = valid.status >= 400 ? ((await valid.json()) as { detail?: string }) : {};
      await valid.body?.cancel().catch(() => {});
      const challenge = valid.headers.get('www-authenticate') ?? '';
      expect(
        refusedByGuard(valid.status, problem, challenge),
        `${operation.id} refused its caller: ${valid.status} ${JSON.stringify(problem)}`,
      ).toBe(false);
      await fc.assert(
        fc.asyncProperty(mutationsOf(operation, baseline), async (mutations) => {
          await expectHandled(operation, applyMutations(baseline, mutations), mutations);
        }),
        { seed: seed + index, numRuns: runsPerOperation, endOnFailure: true },
      );
    },
  );
});
