import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ConfigClient, createConfigClient, defineConfig, type Logger, z } from '@trellis/kit';
import { serveNode } from '@trellis/kit/node';
import { captureLogger, closedUrl } from '@trellis/kit/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConfigHarness,
  createConfigHarness,
  getJson,
  ordersConfig,
  people,
  publish,
  serviceToken,
  testIdentity,
  theSecret,
  uploadSchema,
} from './harness.ts';

type Orders = z.output<typeof ordersConfig.schema>;

let h: ConfigHarness;
let url: string;
let directory: string;
/** Orders' private key `d`: what its snapshots' secrets are sealed under. */
let ordersKey: string;
const clients: ConfigClient<unknown>[] = [];
const base = { logLevel: 'info', paymentTimeoutMinutes: 30, maxItems: 50 };
const logs = captureLogger('orders');

beforeAll(async () => {
  h = await createConfigHarness();
  url = (await h.center.serve()).url;
  directory = await mkdtemp(path.join(tmpdir(), 'trellis-config-client-'));
  ordersKey = (await (await testIdentity).serviceKey('orders')).privateJwk.d;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()));
});
afterAll(async () => {
  await h.close();
  await rm(directory, { recursive: true, force: true });
});

function ordersClient(
  options: {
    centerUrl?: string;
    instanceId?: string;
    snapshotPath?: string;
    snapshotKey?: string;
    logger?: Logger;
    fetch?: (request: Request) => Promise<Response>;
  } = {},
) {
  const client = createConfigClient({
    centerUrl: options.centerUrl ?? url,
    namespace: 'dev',
    service: 'orders',
    instanceId: options.instanceId ?? `orders-${crypto.randomUUID().slice(0, 8)}`,
    definition: ordersConfig,
    token: () => serviceToken('orders'),
    logger: options.logger ?? logs.logger,
    retryDelayMs: { initial: 20, max: 150 },
    requestTimeoutMs: 1000,
    ...(options.snapshotPath
      ? { snapshotPath: options.snapshotPath, snapshotKey: options.snapshotKey ?? ordersKey }
      : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  clients.push(client as ConfigClient<unknown>);
  return client;
}

/** Resolves with the next change the client sees, and how long after `since` it came. */
function nextChange(client: ConfigClient<Orders>, timeoutMs = 5000) {
  return new Promise<{ next: Orders; previous: Orders; at: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('no change arrived'));
    }, timeoutMs);
    const off = client.onChange((next, previous) => {
      clearTimeout(timer);
      off();
      resolve({ next, previous, at: performance.now() });
    });
  });
}

async function instances() {
  const { body } = await getJson<{
    items: { instanceId: string; revision: number; status: string; error: string | null }[];
  }>(h.center, '/v1/config/dev/orders/instances');
  return body.items;
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the kit config client', () => {
  it('starts on schema defaults when there is no center and no snapshot', async () => {
    const client = ordersClient({ centerUrl: await closedUrl() });
    await client.start();
    expect(client.source).toBe('defaults');
    expect(client.revision).toBe(0);
    expect(client.get()).toEqual(ordersConfig.defaults);
  });

  it('uploads its schema and loads typed config, secrets decrypted, before start() resolves', async () => {
    const client = ordersClient();
    await client.start();
    const { status, body } = await getJson<{ secretKeys: string[] }>(
      h.center,
      '/v1/config/schemas/orders',
    );
    expect(status).toBe(200);
    expect(body.secretKeys).toEqual(['stripeKey']);
    expect(client.source).toBe('center');
    expect(client.revision).toBe(0);
    expect((await publish(h.center, people.ada, { ...base, stripeKey: theSecret })).status).toBe(
      201,
    );
    const later = ordersClient();
    await later.start();
    expect(later.revision).toBe(1);
    expect(later.get()).toEqual({ ...ordersConfig.defaults, ...base, stripeKey: theSecret });
  });

  it('calls onChange well under a second after a publish, and reports the revision applied', async () => {
    const instanceId = 'orders-live';
    const client = ordersClient({ instanceId });
    await client.start();
    const latencies: number[] = [];
    for (const minutes of [41, 42, 43, 44, 45]) {
      const change = nextChange(client);
      const started = performance.now();
      const res = await publish(h.center, people.ada, { ...base, paymentTimeoutMinutes: minutes });
      const { next, previous, at } = await change;
      latencies.push(at - started);
      expect(res.status).toBe(201);
      expect(next.paymentTimeoutMinutes).toBe(minutes);
      expect(previous.paymentTimeoutMinutes).not.toBe(minutes);
      expect(client.get().paymentTimeoutMinutes).toBe(minutes);
    }
    expect(Math.max(...latencies)).toBeLessThan(500);
    const reported = await eventually(instances, (items) =>
      items.some((i) => i.instanceId === instanceId && i.revision === client.revision),
    );
    expect(reported.find((i) => i.instanceId === instanceId)).toMatchObject({
      revision: client.revision,
      status: 'applied',
      error: null,
    });
  });

  it('starts on its snapshot while the center is down and catches up once it returns', async () => {
    const snapshotPath = path.join(directory, 'snapshots', 'orders.json');
    const first = ordersClient({ snapshotPath });
    await first.start();
    const saved = first.revision;
    await first.stop();
    const snapshot = JSON.parse(await readFile(snapshotPath, 'utf8')) as { revision: number };
    expect(snapshot.revision).toBe(saved);
    expect(await readdir(path.dirname(snapshotPath))).toEqual(['orders.json']);

    const down = await closedUrl();
    const instanceId = 'orders-offline';
    const client = ordersClient({ centerUrl: down, snapshotPath, instanceId });
    await client.start();
    expect(client.source).toBe('snapshot');
    expect(client.revision).toBe(saved);
    expect(client.get().paymentTimeoutMinutes).toBe(45);

    const change = nextChange(client, 10_000);
    const res = await publish(h.center, people.ada, { ...base, paymentTimeoutMinutes: 50 });
    const { revision } = (await res.json()) as { revision: number };
    const server = await serveNode({
      fetch: h.center.app.fetch,
      port: Number(new URL(down).port),
      hostname: '127.0.0.1',
      logger: captureLogger('config').logger,
      handleSignals: false,
      drainTimeoutMs: 0,
    });
    try {
      const { next } = await change;
      expect(next.paymentTimeoutMinutes).toBe(50);
      expect(client.revision).toBe(revision);
      expect(client.source).toBe('center');
      const reported = await eventually(instances, (items) =>
        items.some((i) => i.instanceId === instanceId && i.revision === revision),
      );
      expect(reported.find((i) => i.instanceId === instanceId)?.status).toBe('applied');
      const rewritten = await eventually(
        async () => JSON.parse(await readFile(snapshotPath, 'utf8')) as { revision: number },
        (written) => written.revision === revision,
      );
      expect(rewritten.revision).toBe(revision);
    } finally {
      await client.stop();
      await server.shutdown('test');
    }
  });

  it('keeps secrets sealed in the snapshot file, and opens them when it starts from it', async () => {
    const snapshotPath = path.join(directory, 'sealed', 'orders.json');
    const res = await publish(h.center, people.ada, { ...base, stripeKey: theSecret });
    const { revision } = (await res.json()) as { revision: number };
    const first = ordersClient({ snapshotPath });
    await first.start();
    expect(first.get().stripeKey).toBe(theSecret);
    await first.stop();

    const text = await readFile(snapshotPath, 'utf8');
    expect(text).not.toContain(theSecret);
    const stored = JSON.parse(text) as { revision: number; values: Record<string, unknown> };
    expect(stored.revision).toBe(revision);
    expect(stored.values.stripeKey).toMatch(/^enc:v1:/);
    expect(stored.values.maxItems).toBe(50);

    const offline = ordersClient({ centerUrl: await closedUrl(), snapshotPath });
    await offline.start();
    expect(offline.source).toBe('snapshot');
    expect(offline.get().stripeKey).toBe(theSecret);
  });

  it('cannot open a snapshot with the key of another service, and starts on the defaults', async () => {
    const snapshotPath = path.join(directory, 'foreign', 'orders.json');
    await publish(h.center, people.ada, { ...base, maxItems: 7, stripeKey: theSecret });
    const first = ordersClient({ snapshotPath });
    await first.start();
    await first.stop();
    const usersKey = (await (await testIdentity).serviceKey('users')).privateJwk.d;
    const captured = captureLogger('orders');
    const offline = ordersClient({
      centerUrl: await closedUrl(),
      snapshotPath,
      snapshotKey: usersKey,
      logger: captured.logger,
    });
    await offline.start();
    expect(offline.source).toBe('defaults');
    expect(offline.get().stripeKey).toBe(ordersConfig.defaults?.stripeKey);
    expect(captured.lines).toContainEqual(
      expect.objectContaining({ msg: 'cannot read the config snapshot' }),
    );
  });

  it('writes no snapshot of a config with secrets when it has no key to seal them', async () => {
    const snapshotPath = path.join(directory, 'keyless', 'orders.json');
    const captured = captureLogger('orders');
    const client = createConfigClient({
      centerUrl: url,
      namespace: 'dev',
      service: 'orders',
      instanceId: 'orders-keyless',
      definition: ordersConfig,
      token: () => serviceToken('orders'),
      logger: captured.logger,
      snapshotPath,
    });
    clients.push(client as ConfigClient<unknown>);
    await client.start();
    await client.stop();
    await expect(readFile(snapshotPath, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(captured.lines).toContainEqual(
      expect.objectContaining({ msg: 'cannot write the config snapshot' }),
    );
  });

  it('falls back to long polls when the stream keeps failing', async () => {
    const client = ordersClient({
      fetch: (request) =>
        request.url.includes('/watch?')
          ? Promise.resolve(new Response('no streams here', { status: 503 }))
          : fetch(request),
    });
    await client.start();
    const change = nextChange(client);
    await eventually(
      async () => client.transport,
      (transport) => transport === 'poll',
    );
    expect(client.transport).toBe('poll');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await publish(h.center, people.ada, { ...base, paymentTimeoutMinutes: 51 });
    expect((await change).next.paymentTimeoutMinutes).toBe(51);
  });

  it('rejects a value its schema refuses, keeps the old values and tells the center why', async () => {
    const instanceId = 'orders-strict';
    const client = ordersClient({ instanceId });
    await client.start();
    const before = client.get();
    const revisionBefore = client.revision;

    // A newer version of orders allows up to 1000 items and uploads its schema.
    const looser = defineConfig(
      ordersConfig.schema.extend({ maxItems: z.number().int().min(1).max(1000).default(50) }),
      { secrets: ['stripeKey'] },
    );
    await uploadSchema(h.center, 'orders', looser);
    const res = await publish(h.center, people.ada, { ...base, maxItems: 500 });
    expect(res.status).toBe(201);
    const { revision } = (await res.json()) as { revision: number };

    const reported = await eventually(instances, (items) =>
      items.some((i) => i.instanceId === instanceId && i.revision === revision),
    );
    const mine = reported.find((i) => i.instanceId === instanceId);
    expect(mine).toMatchObject({ revision, status: 'rejected' });
    expect(mine?.error).toContain('maxItems');
    expect(client.get()).toEqual(before);
    expect(client.revision).toBe(revisionBefore);

    await uploadSchema(h.center, 'orders', ordersConfig);
    const fixed = nextChange(client);
    await publish(h.center, people.ada, { ...base, maxItems: 60 });
    expect((await fixed).next.maxItems).toBe(60);
  });

  it('never writes a secret to its log', () => {
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs.lines)).not.toContain(theSecret);
  });
});
