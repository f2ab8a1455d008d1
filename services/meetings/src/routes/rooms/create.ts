import {
  createRoute,
  errorResponses,
  jsonBody,
  jsonResponse,
  propagationHeaders,
  type ServiceApp,
} from '@trellis/kit';
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
  request: { body: jsonBody(CreateRoomSchema) },
  responses: {
    201: jsonResponse(RoomSchema, 'The room was created.'),
    ...errorResponses('conflict'),
  },
});

export function registerCreateRoom(app: ServiceApp<MeetingsDeps>) {
  app.openapi(createRoomRoute, async (c) => {
    const { db, now } = c.get('deps');
    const body = c.req.valid('json');
    const headers = propagationHeaders();
    const row = await insertRoom(
      db,
      { name: body.name, capacity: body.capacity, location: body.location ?? null },
      (room) => roomEvent('room.created')(room, headers),
      now(),
    );
    c.header('location', `/v1/rooms/${row.id}`);
    return c.json(presentRoom(row), 201);
  });
}
