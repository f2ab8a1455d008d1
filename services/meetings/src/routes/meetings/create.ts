import {
  createRoute,
  errorResponses,
  jsonBody,
  jsonResponse,
  propagationHeaders,
  type ServiceApp,
} from '@trellis/kit';
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
import { lookupUsers } from '../../user-directory.ts';
import { meetingEvent, presentMeeting } from './present.ts';
import { MeetingRuleExtensions, RoomTakenExtensions } from './problems.ts';
import { CreateMeetingSchema, MeetingSchema } from './schema.ts';

export const createMeetingRoute = createRoute({
  method: 'post',
  path: '/v1/meetings',
  operationId: 'meetings.create',
  tags: ['meetings'],
  summary: 'Schedule a meeting in a room',
  description:
    'Books the room for [startsAt, endsAt) and invites the attendees, each `pending`. ' +
    'The organizer takes a seat but is not listed among the attendees. ' +
    '409 when the room is taken in an overlapping range; 422 when the room does not exist, ' +
    'a person is unknown or suspended, the room is too small, or the meeting lasts longer ' +
    'than `maxMeetingMinutes` (live config; naming `endsAt`).',
  request: { body: jsonBody(CreateMeetingSchema) },
  responses: {
    201: jsonResponse(MeetingSchema, 'The meeting was scheduled.'),
    ...errorResponses(
      { conflict: RoomTakenExtensions, unprocessable: MeetingRuleExtensions },
      'dependency_unavailable',
    ),
  },
});

export function registerCreateMeeting(app: ServiceApp<MeetingsDeps>) {
  app.openapi(createMeetingRoute, async (c) => {
    const { db, now, users, config } = c.get('deps');
    const body = c.req.valid('json');
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    assertTimeRange(startsAt, endsAt);
    assertMeetingLength(startsAt, endsAt, config.get().maxMeetingMinutes);
    const room = await findRoomById(db, body.roomId);
    if (!room) {
      throw new UnknownRoom(body.roomId);
    }
    const invitees = inviteesOf(body.organizerId, body.attendeeIds);
    assertCapacity(room.capacity, invitees);
    const directory = await lookupUsers(users, [body.organizerId, ...invitees]);
    assertParticipantsEligible(body, directory);
    const record = await insertMeeting(
      db,
      {
        title: body.title,
        organizerId: body.organizerId,
        roomId: room.id,
        startsAt,
        endsAt,
        attendeeIds: invitees,
      },
      meetingEvent('meeting.scheduled', propagationHeaders()),
      now(),
    );
    c.header('location', `/v1/meetings/${record.meeting.id}`);
    return c.json(presentMeeting(record), 201);
  });
}
