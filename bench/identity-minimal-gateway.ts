/**
 * A reference for bench/identity.ts: the least a gateway does, hand-written on node:http in a
 * process of its own. It verifies the user's token (the kit's `createIdentify`, cached as in
 * every service) and the API key (the gateway's own key cache, asking users on a miss), calls
 * users over a kept-alive connection with the gateway's service token, the user's token and the
 * key it verified, writes the answer back whole, and records the call as every service does: one
 * access log line and the RED histogram. No Hono, no Web Request or Response, no resilience
 * engine, retries, deadline or edge rules: what the hop and the identity checks cost here.
 */
import http from 'node:http';
import { createUpstreamFetch, staticDiscovery } from '@trellis/client';
import {
  createIdentify,
  createLogger,
  createMetrics,
  createStaticConfig,
  identityFromEnv,
  parseEnv,
  serviceTokenSigner,
} from '@trellis/kit';
import { createNodeFetch } from '@trellis/kit/node';
import { gatewayConfig } from '../services/gateway/src/config.ts';
import { apiKeysThroughUsers } from '../services/gateway/src/edge/api-keys.ts';
import { gatewayEnvSchema } from '../services/gateway/src/env.ts';

const env = parseEnv(gatewayEnvSchema, process.env);
if (!env.SERVICE_PRIVATE_KEY || !env.USERS_URL) {
  throw new Error('the minimal gateway needs SERVICE_PRIVATE_KEY and USERS_URL');
}
const instance = 'gateway-minimal';
const logger = createLogger({ service: 'gateway', instance, level: env.LOG_LEVEL });
const metrics = createMetrics({ service: 'gateway', instance });
const sign = serviceTokenSigner('gateway', env.SERVICE_PRIVATE_KEY);
const identify = createIdentify('gateway', identityFromEnv(env));
const usersUrl = env.USERS_URL;
const users = createUpstreamFetch('users', {
  discovery: staticDiscovery({ users: usersUrl, orders: usersUrl, meetings: usersUrl }),
  token: () => sign('users'),
  fetch: createNodeFetch(),
});
const apiKeys = apiKeysThroughUsers(users, createStaticConfig(gatewayConfig));
const upstream = new URL(usersUrl);
const agent = new http.Agent({ keepAlive: true, timeout: 60_000 });
const route = '/v1/users/{id}';

function record(method: string, path: string, status: number, started: number, id: string) {
  const seconds = (performance.now() - started) / 1000;
  metrics.httpServerDuration.observe(
    { http_request_method: method, http_route: route, http_response_status_code: String(status) },
    seconds,
  );
  logger.info(
    { requestId: id, method, path, route, status, durationMs: seconds * 1000 },
    'request',
  );
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const started = performance.now();
  const method = req.method ?? 'GET';
  const requestId = crypto.randomUUID();
  const caller = await identify({ authorization: req.headers.authorization });
  const key = await apiKeys.verify(String(req.headers['x-api-key'] ?? ''));
  if (key === undefined || caller.user === undefined) {
    res.writeHead(401).end();
    record(method, req.url ?? '', 401, started, requestId);
    return;
  }
  const headers = {
    authorization: `Bearer ${await sign('users')}`,
    'x-trellis-user-token': caller.user.token,
    'x-trellis-api-key': `${key.id} ${key.scopes.join(',')}`,
    'x-request-id': requestId,
    'x-forwarded-for': req.socket.remoteAddress ?? '',
    accept: req.headers.accept ?? '*/*',
  };
  const call = http.request(
    { host: upstream.hostname, port: upstream.port, path: req.url, method, agent, headers },
    (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        const status = answer.statusCode ?? 502;
        res.writeHead(status, {
          'content-type': answer.headers['content-type'] ?? 'application/octet-stream',
          'content-length': body.byteLength,
          'x-request-id': requestId,
        });
        res.end(body);
        record(method, req.url ?? '', status, started, requestId);
      });
    },
  );
  call.on('error', () => res.writeHead(502).end());
  call.end();
}

const server = http.createServer((req, res) => {
  if (req.url === '/readyz') {
    res.end('ok');
    return;
  }
  forward(req, res).catch(() => res.writeHead(500).end());
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
