import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { RoomNotFound } from '../../domain.ts';
import { findRoomById } from '../../repository.ts';
import { presentRoom } from './present.ts';
import { RoomParamsSchema, RoomSchema } from './schema.ts';

export const getRoomRoute = createRoute({
  method: 'get',
  path: '/v1/rooms/{id}',
  operationId: 'rooms.get',
  tags: ['rooms'],
  summary: 'Get a room',
  access: { role: 'member' },
  request: { params: RoomParamsSchema },
  responses: {
    200: jsonResponse(RoomSchema, 'The room.'),
    ...errorResponses('not_found'),
  },
});

export function registerGetRoom(app: ServiceApp<MeetingsDeps>) {
  app.openapi(getRoomRoute, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findRoomById(c.get('deps').db, id);
    if (!row) {
      throw new RoomNotFound(id);
    }
    return c.json(presentRoom(row), 200);
  });
}
