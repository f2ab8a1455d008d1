import type { Tx } from '@trellis/db';
import type { RoomRow } from '@trellis/db/schema';
import { publish } from '@trellis/kit';
import { roomCreated } from '../../topics.ts';
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

/** Publishes `room.created`, on the transaction that made the room. */
export function roomEvent(tx: Tx, row: RoomRow) {
  return publish(tx, roomCreated, { room: presentRoom(row) });
}
