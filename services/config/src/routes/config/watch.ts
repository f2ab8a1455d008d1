import { createRoute, errorResponses, type ServiceApp, z } from '@trellis/kit';
import { streamSSE } from 'hono/streaming';
import { assertOwnIfService, operationsAccess, revealsSecrets } from '../../config/access.ts';
import { type Effective, presentEffective } from '../../config/domain.ts';
import { parseLabels } from '../../config/gray.ts';
import { openWatch } from '../../config/watch.ts';
import type { ConfigDeps } from '../../deps.ts';
import { TargetParamsSchema, WatchHeadersSchema, WatchQuerySchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const watchRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/watch',
  operationId: 'config.watch',
  tags: ['config'],
  summary: "Stream an instance's effective config as it changes (SSE)",
  description:
    'Server-sent events. Each `config` event has `id: <revision>` and the effective config as data. With `Last-Event-ID` (or `afterRevision`) every change after that revision is replayed first, in order; without, the current effective config comes first. A `: ping` comment every 15 s keeps the connection alive. Who may watch as `config.getEffective` says.',
  access: operationsAccess,
  request: { params: TargetParamsSchema, query: WatchQuerySchema, headers: WatchHeadersSchema },
  responses: {
    200: {
      description: 'An endless `text/event-stream` of `config` events.',
      content: {
        'text/event-stream': {
          schema: z.string().openapi({
            description: 'Server-sent events.',
            example:
              'id: 4\nevent: config\ndata: {"revision":4,"releaseKind":"full","values":{"logLevel":"info"}}\n\n',
          }),
        },
      },
    },
    ...errorResponses('not_found'),
  },
});

export function registerWatch(app: ServiceApp<ConfigDeps>) {
  app.openapi(watchRoute, async (c) => {
    assertOwnIfService(c.get('grant'), c.req.valid('param').service);
    const { deps, caller, target } = await openTarget(c);
    const query = c.req.valid('query');
    const lastEventId = c.req.valid('header')['last-event-id'];
    const afterRevision = lastEventId !== undefined ? Number(lastEventId) : query.afterRevision;
    const reveal = revealsSecrets(caller, target.service);

    // Changes may arrive before the stream exists; they wait here, in order.
    const early: Effective[] = [];
    let send: ((effective: Effective) => void) | undefined;
    let ended = false;
    let end = () => {
      ended = true;
    };
    const session = await openWatch(
      deps,
      {
        ...target,
        instance: { instanceId: query.instanceId, labels: parseLabels(query.labels) },
        ...(afterRevision !== undefined ? { afterRevision } : {}),
      },
      (effective) => (send ? send(effective) : early.push(effective)),
      () => end(),
    );

    return streamSSE(c, async (stream) => {
      let queue = Promise.resolve();
      const enqueue = (write: () => Promise<unknown>) => {
        queue = queue.then(write).then(
          () => {},
          () => {},
        );
      };
      send = (effective) =>
        enqueue(() =>
          stream.writeSSE({
            id: String(effective.revision),
            event: 'config',
            data: JSON.stringify(presentEffective(effective, reveal)),
          }),
        );
      enqueue(() => stream.write(`: watching ${target.namespace}/${target.service}\n\n`));
      for (const effective of [...session.initial, ...early]) {
        send(effective);
      }
      const ping = setInterval(
        () => enqueue(() => stream.write(': ping\n\n')),
        deps.pingIntervalMs,
      );
      await new Promise<void>((resolve) => {
        stream.onAbort(resolve);
        end = resolve;
        if (ended) {
          resolve();
        }
      });
      clearInterval(ping);
      session.close();
      await queue;
    });
  });
}
