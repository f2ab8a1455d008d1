import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { countBookingsByRoom } from '../../repository.ts';
import { RoomBookingsQuerySchema, RoomBookingsSchema } from './schema.ts';

const dayMs = 86_400_000;

export const roomBookingsRoute = createRoute({
  method: 'get',
  path: '/v1/rooms/bookings',
  operationId: 'rooms.bookings',
  tags: ['rooms'],
  summary: 'Count the bookings of each room on a day',
  access: { role: 'member' },
  description:
    'Scheduled meetings overlapping the UTC day, counted per room by the service, however many ' +
    'there are. Cancelled meetings do not count; a meeting running over midnight counts on both days.',
  request: { query: RoomBookingsQuerySchema },
  responses: {
    200: jsonResponse(RoomBookingsSchema, 'The bookings per room on that day.'),
    ...errorResponses(),
  },
});

export function registerRoomBookings(app: ServiceApp<MeetingsDeps>) {
  app.openapi(roomBookingsRoute, async (c) => {
    const { day } = c.req.valid('query');
    const from = new Date(`${day}T00:00:00Z`);
    const rooms = await countBookingsByRoom(c.get('deps').db, {
      from,
      to: new Date(from.getTime() + dayMs),
    });
    const total = rooms.reduce((sum, room) => sum + room.bookings, 0);
    return c.json({ day, total, rooms }, 200);
  });
}
