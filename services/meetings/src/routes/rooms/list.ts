import { createRoute, errorResponses, jsonResponse, listPage, type ServiceApp } from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { listRooms } from '../../repository.ts';
import { presentRoom } from './present.ts';
import { ListRoomsQuerySchema, RoomPageSchema } from './schema.ts';

export const listRoomsRoute = createRoute({
  method: 'get',
  path: '/v1/rooms',
  operationId: 'rooms.list',
  tags: ['rooms'],
  summary: 'List rooms by name',
  request: { query: ListRoomsQuerySchema },
  responses: {
    200: jsonResponse(RoomPageSchema, 'One page of rooms.'),
    ...errorResponses(),
  },
});

/** By name, case-insensitively: the cursor carries the last name. */
const nameCursor = {
  keys: ['name'],
  positionOf: (row: { name: string }) => ({ name: row.name }),
  after: (position: Record<string, string>) => ({ afterName: position.name }),
};

export function registerListRooms(app: ServiceApp<MeetingsDeps>) {
  app.openapi(listRoomsRoute, async (c) => {
    const { db } = c.get('deps');
    const page = await listPage(c.req.valid('query'), nameCursor, (query) => listRooms(db, query));
    return c.json({ ...page, items: page.items.map(presentRoom) }, 200);
  });
}
