import { actingUser, assertOwns, type ServiceApp } from '@trellis/kit';
import { createdRoute, createOnce } from '@trellis/kit/idempotency';
import type { MeetingsDeps } from '../../deps.ts';
import {
  assertCapacity,
  assertMeetingLength,
  assertParticipantsEligible,
  assertTimeRange,
  inviteesOf,
  UnknownRoom,
} from '../../domain.ts';
import { findRoomById, insertMeeting } from '../../repository.ts';
import { meetingScheduled } from '../../topics.ts';
import { lookupUsers } from '../../user-directory.ts';
import { ownerOrOperator } from './access.ts';
import { meetingEvent, presentMeeting } from './present.ts';
import { MeetingRuleExtensions, RoomTakenExtensions } from './problems.ts';
import { type CreateMeeting, CreateMeetingSchema, MeetingSchema } from './schema.ts';

export const createMeetingRoute = createdRoute({
  path: '/v1/meetings',
  operationId: 'meetings.create',
  tags: ['meetings'],
  summary: 'Schedule a meeting in a room',
  access: ownerOrOperator,
  description:
    'Books the room for [startsAt, endsAt) and invites the attendees, each `pending`. ' +
    'A member books as themselves (organizerId, 403 otherwise); operators and admins for ' +
    'anyone. Keys are scoped to the signed-in user. ' +
    'The organizer takes a seat but is not listed among the attendees. ' +
    '409 when the room is taken in an overlapping range; 422 when the room does not exist, ' +
    'a person is unknown or suspended, the room is too small, or the meeting lasts longer ' +
    'than `maxMeetingMinutes` (live config; naming `endsAt`).',
  body: CreateMeetingSchema,
  created: {
    schema: MeetingSchema,
    description: 'The meeting was scheduled, or this is a replay of it.',
  },
  errors: [
    { conflict: RoomTakenExtensions, unprocessable: MeetingRuleExtensions },
    'dependency_unavailable',
  ],
});

/** The rules a new meeting must meet before it is written; returns the room's invitees. */
async function checkMeeting(deps: MeetingsDeps, body: CreateMeeting): Promise<string[]> {
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  assertTimeRange(startsAt, endsAt);
  assertMeetingLength(startsAt, endsAt, deps.config.get().maxMeetingMinutes);
  const room = await findRoomById(deps.db, body.roomId);
  if (!room) {
    throw new UnknownRoom(body.roomId);
  }
  const invitees = inviteesOf(body.organizerId, body.attendeeIds);
  assertCapacity(room.capacity, invitees);
  const directory = await lookupUsers(deps.users, [body.organizerId, ...invitees]);
  assertParticipantsEligible(body, directory);
  return invitees;
}

export function registerCreateMeeting(app: ServiceApp<MeetingsDeps>) {
  app.openapi(createMeetingRoute, async (c) => {
    const deps = c.get('deps');
    const body = c.req.valid('json');
    // Before the key is looked up, so a stored answer is replayed only to whom it may go.
    assertOwns(c, body.organizerId, 'meetings');
    const meeting = await createOnce(c, deps.db, deps.now(), {
      operation: createMeetingRoute.operationId,
      caller: actingUser(c)?.id,
      body,
      prepare: () => checkMeeting(deps, body),
      async write(tx, invitees) {
        const record = await insertMeeting(
          tx,
          {
            title: body.title,
            organizerId: body.organizerId,
            roomId: body.roomId,
            startsAt: new Date(body.startsAt),
            endsAt: new Date(body.endsAt),
            attendeeIds: invitees,
          },
          meetingEvent(meetingScheduled, {}),
          deps.now(),
        );
        return { id: record.meeting.id, body: presentMeeting(record) };
      },
    });
    return c.json(meeting, 201);
  });
}
