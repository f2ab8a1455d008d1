import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import type { Room } from '@/data/meetings';

/** Rooms with their capacity and how many bookings each has today. */
export function RoomTable({
  rooms,
  bookingsToday,
  today,
}: {
  rooms: Room[];
  bookingsToday: Map<string, number> | undefined;
  today: string;
}) {
  return (
    <Table>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Room</TableHeaderCell>
          <TableHeaderCell className="text-right">Seats</TableHeaderCell>
          <TableHeaderCell>Location</TableHeaderCell>
          <TableHeaderCell className="text-right">Bookings today</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rooms.map((room) => (
          <TableRow key={room.id}>
            <TableCell>
              <Link
                href={`/meetings/rooms/${room.id}?date=${today}`}
                className="font-medium text-tremor-content-strong hover:underline dark:text-dark-tremor-content-strong"
              >
                {room.name}
              </Link>
            </TableCell>
            <TableCell className="text-right tabular-nums">{room.capacity}</TableCell>
            <TableCell>{room.location ?? '–'}</TableCell>
            <TableCell className="text-right tabular-nums" data-testid={`bookings-${room.id}`}>
              {bookingsToday ? (bookingsToday.get(room.id) ?? 0) : '–'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
