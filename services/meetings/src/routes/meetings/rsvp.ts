import {
  assertIfMatch,
  assertOwns,
  createRoute,
  errorResponses,
  etagOf,
  IfMatchHeaderSchema,
  jsonBody,
  type ServiceApp,
  versionedResponse,
} from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { assertMayRsvp, MeetingNotFound } from '../../domain.ts';
import { changeMeeting } from '../../repository.ts';
import { meetingRsvpRecorded } from '../../topics.ts';
import { ownerOrOperator } from './access.ts';
import { meetingEvent, presentMeeting } from './present.ts';
import { MeetingCancelledExtensions } from './problems.ts';
import { MeetingParamsSchema, MeetingSchema, RecordRsvpSchema } from './schema.ts';

export const rsvpMeetingRoute = createRoute({
  method: 'post',
  path: '/v1/meetings/{id}/rsvp',
  operationId: 'meetings.rsvp',
  tags: ['meetings'],
  summary: "Record an attendee's response",
  access: ownerOrOperator,
  description:
    'A member responds only for themselves (403 otherwise); operators and admins for anyone. ' +
    'Only invited attendees respond (the organizer does not): 422 for anyone else, ' +
    '409 when the meeting is cancelled. Responding again replaces the earlier answer.',
  request: {
    params: MeetingParamsSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(RecordRsvpSchema),
  },
  responses: {
    200: versionedResponse(MeetingSchema, 'The meeting with the response recorded, and its ETag.'),
    ...errorResponses(
      'not_found',
      { conflict: MeetingCancelledExtensions },
      'precondition_failed',
      'unprocessable',
    ),
  },
});

export function registerRsvpMeeting(app: ServiceApp<MeetingsDeps>) {
  app.openapi(rsvpMeetingRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { id } = c.req.valid('param');
    const { userId, response } = c.req.valid('json');
    const ifMatch = c.req.valid('header')['if-match'];
    assertOwns(c, userId, 'responses');
    const record = await changeMeeting(
      db,
      id,
      ({ meeting, attendees }) => {
        assertIfMatch(ifMatch, etagOf(meeting.id, meeting.version));
        assertMayRsvp({ ...meeting, attendees }, userId);
        return { kind: 'rsvp', userId, response };
      },
      meetingEvent(meetingRsvpRecorded, { rsvp: { userId, response } }),
      now(),
    );
    if (!record) {
      throw new MeetingNotFound(id);
    }
    c.header('etag', etagOf(record.meeting.id, record.meeting.version));
    return c.json(presentMeeting(record), 200);
  });
}
