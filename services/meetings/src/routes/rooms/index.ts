import { createRouter } from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { registerCreateRoom } from './create.ts';
import { registerGetRoom } from './get.ts';
import { registerListRooms } from './list.ts';

export function createRoomsRouter() {
  const router = createRouter<MeetingsDeps>();
  registerCreateRoom(router);
  registerListRooms(router);
  registerGetRoom(router);
  return router;
}
