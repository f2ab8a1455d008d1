import {
  createRoute,
  errorResponses,
  jsonBody,
  propagationHeaders,
  type ServiceApp,
} from '@trellis/kit';
import { createdResponse, createOnce, IdempotencyKeyHeaderSchema } from '@trellis/kit/idempotency';
import type { MeetingsDeps } from '../../deps.ts';
import { insertRoom } from '../../repository.ts';
import { presentRoom, roomEvent } from './present.ts';
import { CreateRoomSchema, RoomSchema } from './schema.ts';

export const createRoomRoute = createRoute({
  method: 'post',
  path: '/v1/rooms',
  operationId: 'rooms.create',
  tags: ['rooms'],
  summary: 'Create a room',
  description:
    'Room names are unique, compared case-insensitively (409 naming `name`). With an ' +
    '`Idempotency-Key`, a retry with the same body answers with the first result, even while ' +
    'the first request is still running; the same key with another body is refused with 422.',
  request: { headers: IdempotencyKeyHeaderSchema, body: jsonBody(CreateRoomSchema) },
  responses: {
    201: createdResponse(RoomSchema, 'The room was created, or this is a replay of it.'),
    ...errorResponses('conflict', 'unprocessable'),
  },
});

export function registerCreateRoom(app: ServiceApp<MeetingsDeps>) {
  app.openapi(createRoomRoute, async (c) => {
    const { db, now } = c.get('deps');
    const body = c.req.valid('json');
    const headers = propagationHeaders();
    const room = await createOnce(c, db, now(), {
      operation: createRoomRoute.operationId,
      body,
      prepare: async () => undefined,
      async write(tx) {
        const row = await insertRoom(
          tx,
          { name: body.name, capacity: body.capacity, location: body.location ?? null },
          (created) => roomEvent('room.created')(created, headers),
          now(),
        );
        return { id: row.id, body: presentRoom(row) };
      },
    });
    return c.json(room, 201);
  });
}
