import {
  createRoute,
  errorResponses,
  jsonResponse,
  propagationHeaders,
  type ServiceApp,
} from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { assertCancellable, MeetingNotFound } from '../../domain.ts';
import { changeMeeting } from '../../repository.ts';
import { meetingEvent, presentMeeting } from './present.ts';
import { MeetingCancelledExtensions } from './problems.ts';
import { MeetingParamsSchema, MeetingSchema } from './schema.ts';

export const cancelMeetingRoute = createRoute({
  method: 'post',
  path: '/v1/meetings/{id}/cancel',
  operationId: 'meetings.cancel',
  tags: ['meetings'],
  summary: 'Cancel a meeting, freeing its room',
  request: { params: MeetingParamsSchema },
  responses: {
    200: jsonResponse(MeetingSchema, 'The cancelled meeting.'),
    ...errorResponses('not_found', { conflict: MeetingCancelledExtensions }),
  },
});

export function registerCancelMeeting(app: ServiceApp<MeetingsDeps>) {
  app.openapi(cancelMeetingRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { id } = c.req.valid('param');
    const record = await changeMeeting(
      db,
      id,
      ({ meeting }) => {
        assertCancellable(meeting);
        return { kind: 'cancel' };
      },
      meetingEvent('meeting.cancelled', propagationHeaders()),
      now(),
    );
    if (!record) {
      throw new MeetingNotFound(id);
    }
    return c.json(presentMeeting(record), 200);
  });
}
