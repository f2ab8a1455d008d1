import { CursorSchema, LimitSchema, z } from '@trellis/kit';

export const RoomIdSchema = z
  .string()
  .regex(/^room_[0-9a-f]{32}$/, 'must be a room id (room_ followed by 32 hex digits)')
  .openapi({ description: 'Room id.', example: 'room_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b' });

export const RoomSchema = z
  .object({
    id: RoomIdSchema,
    name: z.string().openapi({
      description: 'Unique name, compared case-insensitively.',
      example: 'Orchard',
    }),
    capacity: z.number().int().openapi({
      description: 'How many people the room seats, the organizer included.',
      example: 8,
    }),
    location: z
      .string()
      .nullable()
      .openapi({ description: 'Where the room is; null when not given.', example: 'Floor 2' }),
    createdAt: z.iso.datetime().openapi({
      description: 'When the room was created (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
  })
  .openapi('Room');

export type Room = z.infer<typeof RoomSchema>;

export const CreateRoomSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .openapi({ description: 'Unique name, 1 to 120 characters.', example: 'Orchard' }),
    capacity: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .openapi({ description: 'Seats, the organizer included; at least 1.', example: 8 }),
    location: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Where the room is, free text.', example: 'Floor 2' }),
  })
  .strict()
  .openapi('CreateRoom');

export const RoomParamsSchema = z.object({
  id: RoomIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const ListRoomsQuerySchema = z.object({
  limit: LimitSchema,
  cursor: CursorSchema,
});

export const RoomPageSchema = z
  .object({
    items: z.array(RoomSchema).openapi({ description: 'Rooms, by name.' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Cursor of the next page; null on the last.', example: null }),
  })
  .openapi('RoomPage');

/** Calendar days Postgres and JavaScript both hold, with the next day's midnight too. */
const firstDay = '1970-01-01';
const lastDay = '9998-12-31';

/** 2026-02-30 parses as 2 March; a real day reads back as itself. */
function isCalendarDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}

export const BookingDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD')
  .refine(isCalendarDay, 'must be a day of the calendar')
  .refine(
    (day) => day >= firstDay && day <= lastDay,
    `must be a day from ${firstDay} to ${lastDay}`,
  )
  .openapi({ description: 'A calendar day in UTC, as YYYY-MM-DD.', example: '2026-12-01' });

export const RoomBookingsQuerySchema = z.object({
  day: BookingDaySchema.openapi({ param: { name: 'day', in: 'query' } }),
});

export const RoomBookingCountSchema = z
  .object({
    roomId: RoomIdSchema,
    bookings: z.number().int().openapi({
      description: 'Scheduled meetings in the room that overlap the day.',
      example: 6,
    }),
  })
  .openapi('RoomBookingCount');

export const RoomBookingsSchema = z
  .object({
    day: BookingDaySchema,
    total: z.number().int().openapi({
      description: 'Scheduled meetings overlapping the day, in every room.',
      example: 25,
    }),
    rooms: z.array(RoomBookingCountSchema).openapi({
      description: 'One entry per room with at least one booking that day, by room id.',
    }),
  })
  .openapi('RoomBookings');

export type RoomBookings = z.infer<typeof RoomBookingsSchema>;
