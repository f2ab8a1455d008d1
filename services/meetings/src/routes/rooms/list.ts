import { listRoute, registerList, type ServiceApp } from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { listRooms } from '../../repository.ts';
import { presentRoom } from './present.ts';
import { ListRoomsQuerySchema, RoomPageSchema } from './schema.ts';

export const listRoomsRoute = listRoute({
  operationId: 'rooms.list',
  summary: 'List rooms by name',
  access: { role: 'member' },
  request: { query: ListRoomsQuerySchema },
  page: { schema: RoomPageSchema, description: 'One page of rooms.' },
});

/** By name, case-insensitively: the cursor carries the last name. */
const nameCursor = {
  keys: ['name'],
  positionOf: (row: { name: string }) => ({ name: row.name }),
  after: (position: Record<string, string>) => ({ afterName: position.name }),
};

export function registerListRooms(app: ServiceApp<MeetingsDeps>) {
  registerList(app, listRoomsRoute, {
    cursor: nameCursor,
    rows: ({ db }, query) => listRooms(db, query),
    present: presentRoom,
  });
}
