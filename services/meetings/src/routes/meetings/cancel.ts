import { assertIfMatch, assertOwns, etagOf, type ServiceApp, transitionRoute } from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { assertCancellable, MeetingNotFound } from '../../domain.ts';
import { changeMeeting } from '../../repository.ts';
import { meetingCancelled } from '../../topics.ts';
import { ownerOrOperator } from './access.ts';
import { meetingEvent, presentMeeting } from './present.ts';
import { MeetingCancelledExtensions } from './problems.ts';
import { MeetingParamsSchema, MeetingSchema } from './schema.ts';

export const cancelMeetingRoute = transitionRoute({
  resource: 'meetings',
  path: '/v1/meetings/{id}',
  action: 'cancel',
  summary: 'Cancel a meeting, freeing its room',
  description: 'A member cancels only meetings they organize (403 otherwise).',
  access: ownerOrOperator,
  params: MeetingParamsSchema,
  answer: {
    schema: MeetingSchema,
    description: 'The cancelled meeting; the ETag header carries its version.',
  },
  conflict: MeetingCancelledExtensions,
});

export function registerCancelMeeting(app: ServiceApp<MeetingsDeps>) {
  app.openapi(cancelMeetingRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { id } = c.req.valid('param');
    const ifMatch = c.req.valid('header')['if-match'];
    const record = await changeMeeting(
      db,
      id,
      ({ meeting }) => {
        assertOwns(c, meeting.organizerId, 'meetings');
        assertIfMatch(ifMatch, etagOf(meeting.id, meeting.version));
        assertCancellable(meeting);
        return { kind: 'cancel' };
      },
      meetingEvent(meetingCancelled, {}),
      now(),
    );
    if (!record) {
      throw new MeetingNotFound(id);
    }
    c.header('etag', etagOf(record.meeting.id, record.meeting.version));
    return c.json(presentMeeting(record), 200);
  });
}
