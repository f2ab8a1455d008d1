import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EffectiveSchema, ReleaseSchema } from '../src/routes/config/schema.ts';
import {
  bearer,
  type ConfigHarness,
  createConfigHarness,
  people,
  publish,
  serviceToken,
  theSecret,
  uploadSchema,
  userToken,
  watchConfig,
} from './harness.ts';

let h: ConfigHarness;
const otherSecret = 'sk_live_OTHERSECRET_9999';
const base = { logLevel: 'info', paymentTimeoutMinutes: 30, maxItems: 50 };

beforeAll(async () => {
  h = await createConfigHarness();
  await uploadSchema(h.center, 'orders');
});
afterAll(async () => {
  await h.close();
});

/** Everything the center answered through `request`, every log line, every config row. */
async function everythingVisible(): Promise<string> {
  const sql = h.database.sql;
  const rows = await Promise.all([
    sql`select * from config_releases`,
    sql`select * from config_drafts`,
    sql`select * from config_change_requests`,
    sql`select * from config_audit`,
    sql`select * from config_applied`,
  ]);
  return JSON.stringify([h.center.bodies, h.center.logLines, rows]);
}

async function get(path: string, token: string) {
  return h.center.request(path, { headers: bearer(token) });
}

describe('secrets', () => {
  it('never show in clear in any response, log line or stored row, through every operation', async () => {
    const ada = await userToken(people.ada);
    const grace = await userToken(people.grace);
    const linus = await userToken(people.linus);
    const users = await serviceToken('users');

    // dev: publish, gray with a new secret, promote, rollback, diffs, history, audit.
    expect((await publish(h.center, people.ada, { ...base, stripeKey: theSecret })).status).toBe(
      201,
    );
    expect(
      (
        await publish(
          h.center,
          people.ada,
          { ...base, maxItems: 20, stripeKey: otherSecret },
          { gray: { percentage: 100 } },
        )
      ).status,
    ).toBe(201);
    const promote = await h.center.request('/v1/config/dev/orders/gray/promote', {
      method: 'POST',
      headers: bearer(ada),
      json: {},
    });
    expect(promote.status).toBe(201);
    const rollback = await h.center.request('/v1/config/dev/orders/rollback', {
      method: 'POST',
      headers: bearer(ada),
      json: { toRevision: 1 },
    });
    expect(rollback.status).toBe(201);
    for (const path of [
      '/v1/config/dev/orders/draft',
      '/v1/config/dev/orders/draft/diff',
      '/v1/config/dev/orders/diff?from=1&to=2',
      '/v1/config/dev/orders/diff?from=0&to=3',
      '/v1/config/dev/orders/releases',
      '/v1/config/dev/orders/releases/2',
      '/v1/config/dev/orders/audit',
      '/v1/config/dev/services',
      '/v1/config/dev/orders/effective?instanceId=orders-1',
      '/v1/config/dev/orders/poll?instanceId=orders-1',
    ]) {
      expect((await get(path, ada)).status, path).toBe(200);
    }
    // Another service reads orders' releases masked, and not orders' effective config at all.
    const release = await get('/v1/config/dev/orders/releases/2', users);
    expect(ReleaseSchema.parse(await release.json()).values.stripeKey).toBe('••••••');
    const asUsers = await get('/v1/config/dev/orders/effective?instanceId=orders-1', users);
    expect(asUsers.status).toBe(403);

    // prod: a request, its approval, a rejected one, and the list an approver reads.
    expect(
      (
        await publish(
          h.center,
          people.grace,
          { ...base, stripeKey: theSecret },
          { namespace: 'prod' },
        )
      ).status,
    ).toBe(202);
    const approve = await h.center.request('/v1/config/prod/orders/change-requests/1/approve', {
      method: 'POST',
      headers: bearer(linus),
      json: {},
    });
    expect(approve.status).toBe(200);
    expect(
      (
        await publish(
          h.center,
          people.grace,
          { ...base, stripeKey: otherSecret },
          { namespace: 'prod' },
        )
      ).status,
    ).toBe(202);
    await h.center.request('/v1/config/prod/orders/change-requests/2/reject', {
      method: 'POST',
      headers: bearer(linus),
      json: { comment: 'no' },
    });
    expect((await get('/v1/config/prod/orders/change-requests', grace)).status).toBe(200);
    expect((await get('/v1/config/prod/orders/audit', grace)).status).toBe(200);

    const visible = await everythingVisible();
    expect(visible).toContain('••••••');
    expect(visible).not.toContain(theSecret);
    expect(visible).not.toContain(otherSecret);
    expect(visible).not.toContain('SUPERSECRET');
  });

  it('are stored encrypted, one fresh ciphertext per value', async () => {
    const rows = await h.database.sql<{ revision: number; values: { stripeKey: string } }[]>`
      select revision, values from config_releases where namespace = 'dev' order by revision`;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row.values.stripeKey).toMatch(/^enc:v1:[A-Za-z0-9+/=]+$/);
    }
    const drafts = await h.database.sql<{ values: { stripeKey: string } }[]>`
      select values from config_drafts`;
    expect(drafts.every((d) => d.values.stripeKey.startsWith('enc:v1:'))).toBe(true);
  });

  it('are decrypted for the service they belong to, in effective, poll and watch', async () => {
    const orders = await serviceToken('orders');
    const effective = await h.center.app.request(
      '/v1/config/dev/orders/effective?instanceId=orders-1',
      { headers: bearer(orders) },
    );
    expect(EffectiveSchema.parse(await effective.json())).toMatchObject({
      revision: 4,
      values: { stripeKey: theSecret },
    });
    const poll = await h.center.app.request('/v1/config/dev/orders/poll?instanceId=orders-1', {
      headers: bearer(orders),
    });
    expect(EffectiveSchema.parse(await poll.json()).values.stripeKey).toBe(theSecret);

    const server = await h.center.serve();
    const own = await watchConfig(server.url, { token: orders, instanceId: 'orders-1' });
    const theirs = await watchConfig(server.url, {
      token: await userToken(people.ada),
      instanceId: 'orders-1',
    });
    const [ownFirst] = await own.until(1);
    const [theirFirst] = await theirs.until(1);
    expect(ownFirst?.values.stripeKey).toBe(theSecret);
    expect(theirFirst?.values.stripeKey).toBe('••••••');
    own.close();
    theirs.close();
  });

  it('keep the stored secret when an editor saves the masked value back', async () => {
    const ada = await userToken(people.ada);
    const draft = (await (await get('/v1/config/dev/orders/draft', ada)).json()) as {
      values: Record<string, unknown>;
    };
    expect(draft.values.stripeKey).toBe('••••••');
    expect(
      (await publish(h.center, people.ada, { ...draft.values, logLevel: 'warn' })).status,
    ).toBe(201);
    const effective = await h.center.app.request(
      '/v1/config/dev/orders/effective?instanceId=orders-1',
      { headers: bearer(await serviceToken('orders')) },
    );
    expect(EffectiveSchema.parse(await effective.json()).values).toMatchObject({
      logLevel: 'warn',
      stripeKey: otherSecret,
    });
  });
});
