import { createResilience, type ResilienceRulesInput } from '@trellis/kit';
import { expectProblem, listen } from '@trellis/kit/testing';
import { describe, expect, it } from 'vitest';
import { usersResilienceDefaults } from '../src/resilience.ts';
import { createUsersHarness } from './harness.ts';

/** A fixed clock for the rules: no bucket refills while a test runs, however slow the machine. */
async function harnessWith(rules: ResilienceRulesInput) {
  const at = Date.parse('2026-11-26T10:00:00.000Z');
  return createUsersHarness({ resilience: createResilience({ rules, clock: () => at }) });
}

const attempt = (
  email: string,
  extra: { query?: string; headers?: Record<string, string> } = {},
) => ({
  path: `/v1/sessions${extra.query ?? ''}`,
  init: {
    method: 'POST',
    json: { email, password: 'guess' },
    headers: extra.headers ?? {},
  },
});

describe('the per-email sign-in limit users ships with', () => {
  it('counts the email of the body, whatever email the query or a header names', async () => {
    const h = await harnessWith(usersResilienceDefaults);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++) {
        const { path, init } = attempt('victim@example.com', {
          query: `?email=decoy${i}@example.com`,
          headers: { email: `decoy${i}@example.com`, 'x-email': `decoy${i}@example.com` },
        });
        statuses.push((await h.anonymous(path, init)).status);
      }
      // 60 a minute with a burst of 30: the first 90 are answered, the rest refused.
      expect(statuses.filter((status) => status === 401)).toHaveLength(90);
      expect(statuses.filter((status) => status === 429)).toHaveLength(10);
      const { path, init } = attempt('VICTIM@Example.com');
      const refused = await h.anonymous(path, init);
      const problem = await expectProblem(refused, 429);
      expect(problem.detail).toContain('email');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const other = attempt('someone.else@example.com');
      expect((await h.anonymous(other.path, other.init)).status).toBe(401);
    } finally {
      await h.database.drop();
    }
  });
});

describe('the per-address sign-in limit', () => {
  it("counts the connection's address across emails, not a forwarded header", async () => {
    const h = await harnessWith({
      hotParams: [
        {
          resource: 'POST /v1/sessions',
          param: 'address',
          from: 'address',
          threshold: 5,
          windowSec: 60,
        },
      ],
    });
    const server = await listen(h.app.fetch);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await fetch(`${server.url}/v1/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i}` },
          body: JSON.stringify({ email: `spray${i}@example.com`, password: 'guess' }),
        });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        }
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await server.close();
      await h.database.drop();
    }
  });
});
