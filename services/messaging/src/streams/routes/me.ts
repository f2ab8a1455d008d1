import { actingUser, createRoute, type ServiceApp, z } from '@trellis/kit';
import { streamSSE } from 'hono/streaming';
import type { PushDeps } from '../../webhooks/deps.ts';
import { type StreamEventRow, streamEventsAfter } from '../repository.ts';

const batch = 500;

export const StreamHeadersSchema = z.object({
  'last-event-id': z
    .string()
    .regex(/^\d{1,18}$/, 'must be the id of an event this stream sent')
    .optional()
    .openapi({
      description: 'Resume after this event (its `id:`): the missed events come first, in order.',
      example: '42',
    }),
});

export const StreamQuerySchema = z.object({
  after: z
    .string()
    .regex(/^\d{1,18}$/, 'must be the id of an event this stream sent')
    .optional()
    .openapi({
      description: 'As `Last-Event-ID`, for clients that cannot set headers.',
      example: '42',
    }),
});

export const streamMeRoute = createRoute({
  method: 'get',
  path: '/v1/streams/me',
  operationId: 'streams.me',
  tags: ['streams'],
  summary: "The signed-in user's events, live (SSE)",
  description:
    'Server-sent events, one per event concerning the user (`order.paid`, `meeting.scheduled`, ' +
    '`webhook.endpoint.disabled`, …): `id:` is its position in the stream, `event:` the topic, ' +
    '`data:` `{ id, topic, payload, occurredAt }`. With `Last-Event-ID` the events after it ' +
    'come first, in order, then new ones as they happen. A `: ping` comment every 15 s (live ' +
    'config) keeps the connection alive.',
  access: { role: 'member' },
  request: { headers: StreamHeadersSchema, query: StreamQuerySchema },
  responses: {
    200: {
      description: 'An endless `text/event-stream`.',
      content: {
        'text/event-stream': {
          schema: z.string().openapi({
            description: 'Server-sent events.',
            example:
              'id: 7\nevent: order.paid\ndata: {"id":"evt_…","topic":"order.paid","payload":{},"occurredAt":"2026-11-26T09:30:00.000Z"}\n\n',
          }),
        },
      },
    },
  },
});

function frame(row: StreamEventRow) {
  return {
    id: String(row.seq),
    event: row.topic,
    data: JSON.stringify({
      id: row.eventId,
      topic: row.topic,
      payload: row.payload,
      occurredAt: row.occurredAt.toISOString(),
    }),
  };
}

export function registerStreamMe(app: ServiceApp<PushDeps>) {
  app.openapi(streamMeRoute, async (c) => {
    const { db, streams, config } = c.get('deps');
    const userId = actingUser(c)?.id ?? '';
    const resume = c.req.valid('header')['last-event-id'] ?? c.req.valid('query').after;
    let last = resume ? Number(resume) : 0;

    return streamSSE(c, async (stream) => {
      // Drains run one after another; a wake once a drain has begun queues one more, so an
      // event committed during a drain is never missed.
      let scheduled = false;
      let chain = Promise.resolve();
      const drain = async () => {
        for (;;) {
          const rows = await streamEventsAfter(db, userId, last, batch);
          for (const row of rows) {
            if (stream.aborted) {
              return;
            }
            await stream.writeSSE(frame(row));
            last = row.seq;
          }
          if (rows.length < batch) {
            return;
          }
        }
      };
      const wake = () => {
        if (scheduled) {
          return;
        }
        scheduled = true;
        chain = chain
          .then(() => {
            scheduled = false;
            return drain();
          })
          .catch(() => stream.abort());
      };
      const watch = streams.watch(userId, wake);
      const ping = setInterval(
        () => void stream.write(': ping\n\n').catch(() => {}),
        config.get().webhooks.streamHeartbeatSeconds * 1000,
      );
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      try {
        await stream.write(': streaming\n\n');
        await watch.ready;
        wake();
        await closed;
      } finally {
        clearInterval(ping);
        watch.close();
        await chain;
      }
    });
  });
}
