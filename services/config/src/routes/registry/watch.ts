import type { ServiceApp } from '@trellis/kit';
import { streamSSE } from 'hono/streaming';
import type { RegistryDeps } from '../../registry/deps.ts';
import { loadInstanceList } from './present.ts';
import {
  type RegistryInstanceList,
  RegistryInstanceListSchema,
  ServiceParamsSchema,
} from './schema.ts';
import { registryReaders, registryRoute } from './scope.ts';

export const watchInstancesRoute = registryRoute({
  method: 'get',
  path: '/v1/registry/services/{service}/watch',
  operationId: 'registry.watch',
  summary: "Watch a service's instances",
  description:
    'Server-sent events: `event: instances` with the list `registry.listInstances` answers, at once and then whenever it changes (registration, deregistration, expiry, new weight or labels; not on every heartbeat). A `: ping` comment every 15 s.',
  request: { params: ServiceParamsSchema },
  access: registryReaders,
  responses: {
    200: {
      description: 'An event stream; each `data` is a RegistryInstanceList.',
      content: { 'text/event-stream': { schema: RegistryInstanceListSchema } },
    },
  },
});

/** What a watcher compares to tell a real change from a heartbeat: the list without times. */
function fingerprint(list: RegistryInstanceList): string {
  return JSON.stringify([
    list.protectionActive,
    list.items.map(({ lastHeartbeatAt: _beat, expiresAt: _expiry, ...rest }) => rest),
  ]);
}

export function registerWatchInstances(app: ServiceApp<RegistryDeps>) {
  app.openapi(watchInstancesRoute, async (c) => {
    const { service } = c.req.valid('param');
    const { db, now, registry } = c.get('deps');
    const logger = c.get('logger');
    return streamSSE(c, async (stream) => {
      let sent = '';
      let pending = false;
      let running: Promise<void> | undefined;
      let id = 0;

      const send = async () => {
        const list = await loadInstanceList(db, service, now(), registry.policy);
        const print = fingerprint(list);
        if (print !== sent && !stream.aborted && !stream.closed) {
          sent = print;
          id++;
          await stream.writeSSE({ event: 'instances', id: String(id), data: JSON.stringify(list) });
        }
      };
      // One load at a time, and one more after it when changes arrived meanwhile, so bursts
      // coalesce and events never overtake each other.
      const changed = () => {
        pending = true;
        running ??= (async () => {
          while (pending && !stream.aborted) {
            pending = false;
            try {
              await send();
            } catch (error) {
              logger.warn({ err: error, service }, 'registry watch could not load instances');
            }
          }
          running = undefined;
        })();
      };

      const ended = new Promise<void>((resolve) => {
        stream.onAbort(resolve);
        const stopWatching = registry.onClose(resolve);
        stream.onAbort(stopWatching);
      });
      const unsubscribe = registry.subscribe(service, changed);
      const ping = setInterval(() => void stream.write(': ping\n\n'), registry.policy.watchPingMs);
      try {
        changed();
        await ended;
      } finally {
        clearInterval(ping);
        unsubscribe();
        await running;
      }
    });
  });
}
