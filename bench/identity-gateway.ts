/**
 * The gateway of bench/identity.ts, in a process of its own: the gateway app as the kit wires
 * it (`createTestGatewayApp`: the same routes, edge middleware, transport, resilience engine and
 * API key cache as `npm start`'s), served by the kit's Node server, with its environment read
 * as services/gateway/src/main.ts reads it, and its upstream calls sent with the kit's
 * `createNodeFetch` as the kit's Node entry sends them (with BENCH_UPSTREAM_FETCH=global, with
 * Node's own fetch instead, for comparison). Two differences from main.ts, both because the
 * bench runs no config center: users is reached at USERS_URL rather than through the registry,
 * and the shipped per-address and per-key limits (200 and 500 calls a second) are raised out
 * of the way — still checked on every call, never reached — since one bench client is one
 * address and one key.
 */
import { createDb } from '@trellis/db';
import type { TestDatabase } from '@trellis/db/testing';
import {
  createLogger,
  createStaticConfig,
  identityFromEnv,
  parseEnv,
  serviceTokenSigner,
} from '@trellis/kit';
import { createNodeFetch, serveNode } from '@trellis/kit/node';
import { gatewayConfig } from '../services/gateway/src/config.ts';
import { gatewayEnvSchema } from '../services/gateway/src/env.ts';
import { gatewayResilienceDefaults } from '../services/gateway/src/resilience.ts';
import { createTestGatewayApp } from '../services/gateway/src/testing.ts';

const env = parseEnv(gatewayEnvSchema, process.env);
if (!env.SERVICE_PRIVATE_KEY) {
  throw new Error('the bench gateway needs SERVICE_PRIVATE_KEY');
}
const logger = createLogger({
  service: 'gateway',
  instance: env.INSTANCE_ID ?? 'gateway-bench',
  level: env.LOG_LEVEL,
});
const handle = createDb(env.DATABASE_URL, { applicationName: 'trellis-gateway' });
// Only `db` and `ping` are read: the gateway's database is its readiness check.
const database = { ...handle, url: env.DATABASE_URL, name: 'bench', drop: async () => {} };
const unreached = 1_000_000;
const config = createStaticConfig(gatewayConfig, {
  resilience: {
    ...gatewayResilienceDefaults,
    hotParams: (gatewayResilienceDefaults.hotParams ?? []).map((rule) => ({
      ...rule,
      threshold: unreached,
      burst: unreached,
    })),
  },
});
const sign = serviceTokenSigner('gateway', env.SERVICE_PRIVATE_KEY);
const { app } = createTestGatewayApp({
  database: database satisfies TestDatabase,
  urls: {
    users: env.USERS_URL,
    orders: env.ORDERS_URL,
    meetings: env.MEETINGS_URL,
    messaging: env.MESSAGING_URL,
  },
  identity: identityFromEnv(env),
  serviceToken: sign,
  ...(process.env.BENCH_UPSTREAM_FETCH === 'global' ? {} : { fetch: createNodeFetch() }),
  config,
  logger,
});
await serveNode({
  fetch: app.fetch,
  port: env.PORT,
  hostname: env.HOST,
  logger,
  onShutdown: () => handle.close(),
});
