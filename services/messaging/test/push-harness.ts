import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import {
  assertAccessDeclared,
  createSecretCipher,
  createService,
  createStaticConfig,
  defineConfig,
  defineTopic,
  type Topic,
  z,
} from '@trellis/kit';
import type { EventEnvelope } from '@trellis/kit/messaging';
import { queueName, redisConnection } from '@trellis/kit/messaging';
import {
  captureLogger,
  createTestIdentity,
  type JsonRequester,
  jsonRequester,
  listen,
  type TestServer,
  type TestUser,
} from '@trellis/kit/testing';
import { Queue } from 'bullmq';
import { inject } from 'vitest';
import { appendToUserStreams } from '../src/streams/relay-append.ts';
import { nodeResolveHost } from '../src/webhooks/delivery.ts';
import {
  createPushDeps,
  createStreamsRouter,
  createWebhooksRouter,
  type PushDeps,
  startPushWorkers,
  webhooksConfig,
} from '../src/webhooks/index.ts';

/** Waits until `check` answers something truthy, polling; fails after `withinMs`. */
export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  withinMs = 10_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const userId = () => `usr_${crypto.randomUUID().replaceAll('-', '')}`;

export const orderPaid = defineTopic(
  'order.paid',
  z.object({ orderId: z.string(), userId: z.string(), totalCents: z.number().int() }),
  { description: 'An order was paid.', key: (p) => p.orderId, audience: (p) => [p.userId] },
);
export const meetingScheduled = defineTopic(
  'meeting.scheduled',
  z.object({ meetingId: z.string(), attendees: z.array(z.string()) }),
  { description: 'A meeting was scheduled.', audience: (p) => p.attendees },
);
export const internalTick = defineTopic('internal.tick', z.object({ n: z.number() }), {
  description: 'Not for outside consumers.',
  pushable: false,
});
export const topics: Topic[] = [orderPaid, meetingScheduled, internalTick];

const definition = defineConfig(z.object({ webhooks: webhooksConfig }));

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A real HTTP receiver on 127.0.0.1 recording every request, answering with `answer`. */
export async function startReceiver(answer: (index: number) => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = received.length;
      received.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const status = answer(index);
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status < 300 ? 'thanks' : `nope ${'x'.repeat(3000)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export interface PushHarness {
  database: TestDatabase;
  deps: PushDeps;
  config: ReturnType<typeof createStaticConfig<typeof definition.schema>>;
  logLines: Record<string, unknown>[];
  as(user: TestUser): JsonRequester;
  anonymous: JsonRequester;
  /** The app served over HTTP, for the SSE stream. */
  server: TestServer;
  authorization(user: TestUser): Promise<Record<string, string>>;
  /** Runs the push handler on an event as the `push/<topic>` subscription would. */
  publish<T extends Topic>(topic: T, payload: z.infer<T['schema']>): Promise<EventEnvelope>;
  close(): Promise<void>;
}

/** Host names the tests resolve themselves; everything else through Node's resolver. */
const testHosts: Record<string, string[]> = {
  'rebound.example.test': ['10.1.2.3'],
  'mixed.example.test': ['93.184.216.34', '192.168.1.10'],
  'public.example.test': ['93.184.216.34'],
};

let seq = 0;

export async function createPushHarness(
  webhooks: z.input<typeof webhooksConfig> = {},
): Promise<PushHarness> {
  const database = await createTestDatabase(inject('adminDatabaseUrl'));
  const identity = await createTestIdentity();
  const { logger, lines } = captureLogger('messaging');
  const config = createStaticConfig(definition, {
    webhooks: { allowPrivateTargets: ['127.0.0.1'], retrySchedule: [0, 300, 600], ...webhooks },
  });
  const connection = redisConnection(inject('redisUrl'));
  const prefix = `trellis-test-${crypto.randomUUID().slice(0, 8)}`;
  const cipher = createSecretCipher(crypto.getRandomValues(new Uint8Array(32)));
  const deps = createPushDeps({
    db: database.db,
    sql: database.sql,
    connection,
    logger,
    config,
    cipher,
    pushTopics: topics,
    prefix,
    resolveHost: async (host) => testHosts[host] ?? nodeResolveHost(host),
  });
  const app = createService<PushDeps>({
    name: 'messaging',
    version: 'test',
    instanceId: 'messaging-test',
    description: 'push tests',
    logger,
    deps,
    identity: identity.settings,
  });
  app.route('/', createWebhooksRouter());
  app.route('/', createStreamsRouter());
  assertAccessDeclared(app);
  const workers = startPushWorkers({
    db: database.db,
    connection,
    logger,
    config,
    cipher,
    topics,
    prefix,
    concurrency: 5,
  });
  const appendStreams = appendToUserStreams(topics, logger);
  const server = await listen(app.fetch);
  return {
    database,
    deps,
    config,
    logLines: lines,
    as: (user) => jsonRequester(app, () => identity.asUser(user)),
    anonymous: jsonRequester(app),
    server,
    authorization: (user) => identity.asUser(user),
    async publish(topic, payload) {
      seq++;
      const envelope: EventEnvelope = {
        id: `evt_${crypto.randomUUID().replaceAll('-', '')}`,
        topic: topic.name,
        version: topic.version,
        key: topic.key?.(payload) ?? '',
        payload: payload as Record<string, unknown>,
        headers: {},
        occurredAt: new Date().toISOString(),
        seq,
      };
      // As the messaging service does: the relay appends to streams, the push subscription
      // makes the deliveries.
      await database.sql.begin((tx) => appendStreams(tx, [{ envelope, delayMs: 0 }]));
      await database.db.transaction((tx) => workers.push(tx, envelope, topic));
      return envelope;
    },
    async close() {
      await server.close();
      await workers.stop();
      await deps.close();
      const queue = new Queue(queueName('webhooks'), { connection, prefix });
      await queue.obliterate({ force: true });
      await queue.close();
      await database.drop();
    },
  };
}
