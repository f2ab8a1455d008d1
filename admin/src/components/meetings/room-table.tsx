import { TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
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
    <DataTable
      columns={[
        'Room',
        { label: 'Seats', numeric: true },
        'Location',
        { label: 'Bookings today', numeric: true },
      ]}
    >
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
    </DataTable>
  );
}
