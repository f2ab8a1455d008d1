/**
 * A worker thread of bench/config-watch.ts: runs a share of the watching kit config clients on
 * an event loop of its own, as separate service instances would, and tells the main thread when
 * each applied which revision (epoch milliseconds, comparable across threads).
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import {
  type ConfigClient,
  createConfigClient,
  createLogger,
  type ServiceKeyPair,
  serviceTokenSigner,
} from '@trellis/kit';
import { ordersConfig } from '../services/orders/src/config.ts';

export interface WatchWorkerData {
  centerUrl: string;
  namespace: string;
  service: string;
  /** The service's own private key: it signs the clients' tokens and seals their snapshots. */
  privateJwk: ServiceKeyPair['privateJwk'];
  snapshotDir: string;
  /** Instance numbers of this worker's clients. */
  first: number;
  count: number;
}

export type WatchWorkerMessage =
  | { type: 'started' }
  | { type: 'applied'; index: number; revision: number; at: number }
  | { type: 'stopped' };

const data = workerData as WatchWorkerData;
const port = parentPort;
if (!port) {
  throw new Error('config-watch-worker runs as a worker thread');
}
const post = (message: WatchWorkerMessage) => port.postMessage(message);
const now = () => performance.timeOrigin + performance.now();
const logger = createLogger({ service: data.service, instance: 'bench', level: 'error' });

const clients: ConfigClient<unknown>[] = [];
const tokens = serviceTokenSigner(data.service, data.privateJwk);
for (let index = data.first; index < data.first + data.count; index++) {
  const client = createConfigClient({
    centerUrl: data.centerUrl,
    namespace: data.namespace,
    service: data.service,
    instanceId: `bench-${index}`,
    definition: ordersConfig,
    token: () => tokens('config'),
    snapshotPath: path.join(data.snapshotDir, `bench-${index}.json`),
    snapshotKey: data.privateJwk.d,
    logger,
  });
  client.onChange(() => {
    post({ type: 'applied', index, revision: client.revision, at: now() });
  });
  clients.push(client as ConfigClient<unknown>);
}
await Promise.all(clients.map((client) => client.start()));
post({ type: 'started' });

port.on('message', (message: unknown) => {
  if (message === 'stop') {
    void Promise.all(clients.map((client) => client.stop())).then(() => {
      post({ type: 'stopped' });
      port.close();
    });
  }
});
