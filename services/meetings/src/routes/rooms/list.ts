import {
  createRoute,
  decodeCursor,
  errorResponses,
  jsonResponse,
  type ServiceApp,
  toPage,
} from '@trellis/kit';
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

export function registerListRooms(app: ServiceApp<MeetingsDeps>) {
  app.openapi(listRoomsRoute, async (c) => {
    const query = c.req.valid('query');
    const after = decodeCursor(query.cursor, ['name']);
    const rows = await listRooms(c.get('deps').db, {
      limit: query.limit,
      ...(after ? { afterName: after.name } : {}),
    });
    const page = toPage(rows, query.limit, (row) => ({ name: row.name }));
    return c.json({ items: page.items.map(presentRoom), nextCursor: page.nextCursor }, 200);
  });
}
