import type { RoomRow } from '@trellis/db/schema';
import type { Room } from './schema.ts';

export function presentRoom(row: RoomRow): Room {
  return {
    id: row.id,
    name: row.name,
    capacity: row.capacity,
    location: row.location,
    createdAt: row.createdAt.toISOString(),
  };
}

export function roomEvent(eventType: string) {
  return (row: RoomRow, headers: Record<string, string>) => ({
    aggregateType: 'room',
    aggregateId: row.id,
    eventType,
    payload: { room: presentRoom(row) },
    headers,
  });
}
