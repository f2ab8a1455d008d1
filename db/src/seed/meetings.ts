import type { MeetingAttendeeRow, MeetingRow } from '../schema/meetings.ts';
import type { Random } from './random.ts';
import { addMs, day, earliest, minute } from './time.ts';

export const seedRooms = [
  { name: 'Atlas', capacity: 12, location: 'HQ, 3rd floor' },
  { name: 'Birch', capacity: 6, location: 'HQ, 3rd floor' },
  { name: 'Cedar', capacity: 4, location: 'HQ, 2nd floor' },
  { name: 'Delta', capacity: 20, location: 'HQ, 1st floor' },
  { name: 'Ember', capacity: 8, location: 'HQ, 2nd floor' },
  { name: 'Fjord', capacity: 2, location: 'HQ, 2nd floor, phone booth' },
  { name: 'Grove', capacity: 10, location: 'Lisbon office' },
  { name: 'Harbor', capacity: 30, location: 'Lisbon office, auditorium' },
];

const titles = [
  'Sprint planning',
  'Weekly sync',
  'Design review: checkout flow',
  'Incident retro',
  'Roadmap review',
  'Customer call: Northwind',
  'Partner call: Acme',
  'Hiring debrief',
  'Architecture review',
  'Quarterly business review',
  'Onboarding session',
  'Pricing workshop',
  'Support triage',
  'Release planning',
  'Security review',
  'Budget review',
  'Interview: backend engineer',
  'Data team standup',
];

const meetingCount = 100;
const cancelledShare = 0.1;

export interface MeetingPerson {
  id: string;
  name: string;
  createdAt: Date;
}

export interface SeedRoom {
  id: string;
  name: string;
  capacity: number;
}

export interface SeedMeeting {
  title: string;
  organizerId: string;
  roomId: string;
  startsAt: Date;
  endsAt: Date;
  status: MeetingRow['status'];
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  attendees: Omit<MeetingAttendeeRow, 'meetingId'>[];
}

function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** A weekday slot between 08:00 and 18:30 UTC, within two weeks either side of today. */
function pickSlot(random: Random, now: Date, room: SeedRoom) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (;;) {
    const date = new Date(today + random.int(-13, 13) * day);
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) {
      continue;
    }
    const durations = room.capacity <= 2 ? [15, 30, 30, 45] : [30, 30, 45, 60, 60, 60, 90, 120];
    const startsAt = addMs(date, 8 * 60 * minute + random.int(0, 19) * 30 * minute);
    const endsAt = addMs(startsAt, random.pick(durations) * minute);
    if (endsAt.getUTCHours() * 60 + endsAt.getUTCMinutes() <= 18 * 60 + 30) {
      return { startsAt, endsAt };
    }
  }
}

function pickResponse(random: Random, past: boolean): MeetingAttendeeRow['response'] {
  const roll = random.next();
  if (past) {
    return roll < 0.7 ? 'accepted' : roll < 0.85 ? 'declined' : 'pending';
  }
  return roll < 0.45 ? 'accepted' : roll < 0.55 ? 'declined' : 'pending';
}

/**
 * 100 meetings over the past and next two weeks. A room never holds two meetings at once
 * (the `meetings_room_no_overlap` constraint, half-open ranges), and organizer plus
 * attendees fit the room.
 */
export function buildMeetings(
  random: Random,
  now: Date,
  rooms: SeedRoom[],
  /** Active people only: they organize and attend. */
  people: MeetingPerson[],
  /** Invited often, so signing in as them shows an agenda. */
  regular: MeetingPerson,
): SeedMeeting[] {
  const placed: SeedMeeting[] = [];
  while (placed.length < meetingCount) {
    const room = random.pick(rooms);
    const slot = pickSlot(random, now, room);
    const taken = placed.some((m) => m.roomId === room.id && overlaps(m, slot));
    if (taken) {
      continue;
    }
    const createdAt = earliest(
      addMs(slot.startsAt, -random.int(1, 10) * day - random.int(0, 480) * minute),
      addMs(now, -random.int(5, 600) * minute),
    );
    const known = people.filter((p) => p.createdAt < createdAt);
    const organizer = random.pick(known);
    const others = known.filter((p) => p.id !== organizer.id);
    const maxAttendees = Math.min(room.capacity - 1, room.capacity >= 20 ? 18 : 7);
    const invited = random.sample(others, random.int(1, maxAttendees));
    if (organizer.id !== regular.id && !invited.includes(regular) && random.chance(0.25)) {
      invited[invited.length - 1] = regular;
    }

    const cancelled = random.chance(cancelledShare);
    const settledBy = earliest(slot.startsAt, now);
    const cancelledAt = cancelled
      ? addMs(createdAt, random.next() * (settledBy.getTime() - createdAt.getTime()))
      : null;
    const answeredBy = cancelledAt ?? settledBy;
    const attendees = invited.map((person) => {
      const response = pickResponse(random, slot.startsAt < now);
      const respondedAt =
        response === 'pending'
          ? null
          : addMs(createdAt, random.next() * (answeredBy.getTime() - createdAt.getTime()));
      return { userId: person.id, response, respondedAt };
    });

    const [first, second] = [organizer, invited[0] ?? organizer].map((p) => p.name.split(' ')[0]);
    placed.push({
      title: room.capacity <= 2 ? `1:1 ${first} / ${second}` : random.pick(titles),
      organizerId: organizer.id,
      roomId: room.id,
      ...slot,
      status: cancelled ? 'cancelled' : 'scheduled',
      createdAt,
      updatedAt: cancelledAt ?? createdAt,
      cancelledAt,
      attendees,
    });
  }
  return placed;
}
