import { createRouter } from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { registerRoomBookings } from './bookings.ts';
import { registerCreateRoom } from './create.ts';
import { registerGetRoom } from './get.ts';
import { registerListRooms } from './list.ts';

export function createRoomsRouter() {
  const router = createRouter<MeetingsDeps>();
  registerCreateRoom(router);
  registerListRooms(router);
  // Before rooms.get, whose {id} would otherwise claim the literal path and refuse it.
  registerRoomBookings(router);
  registerGetRoom(router);
  return router;
}
