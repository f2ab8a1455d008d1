import type { ServiceApp } from '@trellis/kit';
import { createdRoute, createOnce } from '@trellis/kit/idempotency';
import type { MeetingsDeps } from '../../deps.ts';
import { insertRoom } from '../../repository.ts';
import { presentRoom, roomEvent } from './present.ts';
import { CreateRoomSchema, RoomSchema } from './schema.ts';

export const createRoomRoute = createdRoute({
  path: '/v1/rooms',
  operationId: 'rooms.create',
  tags: ['rooms'],
  summary: 'Create a room',
  access: { role: 'operator' },
  description: 'Room names are unique, compared case-insensitively (409 naming `name`).',
  body: CreateRoomSchema,
  created: { schema: RoomSchema, description: 'The room was created, or this is a replay of it.' },
});

export function registerCreateRoom(app: ServiceApp<MeetingsDeps>) {
  app.openapi(createRoomRoute, async (c) => {
    const { db, now } = c.get('deps');
    const body = c.req.valid('json');
    const room = await createOnce(c, db, now(), {
      operation: createRoomRoute.operationId,
      body,
      prepare: async () => undefined,
      async write(tx) {
        const row = await insertRoom(
          tx,
          { name: body.name, capacity: body.capacity, location: body.location ?? null },
          roomEvent,
          now(),
        );
        return { id: row.id, body: presentRoom(row) };
      },
    });
    return c.json(room, 201);
  });
}
