import {
  createRoute,
  errorResponses,
  etagOf,
  type ServiceApp,
  versionedResponse,
} from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { MeetingNotFound } from '../../domain.ts';
import { findMeetingById } from '../../repository.ts';
import { presentMeeting } from './present.ts';
import { MeetingParamsSchema, MeetingSchema } from './schema.ts';

export const getMeetingRoute = createRoute({
  method: 'get',
  path: '/v1/meetings/{id}',
  operationId: 'meetings.get',
  tags: ['meetings'],
  summary: 'Get a meeting with its attendees and their responses',
  request: { params: MeetingParamsSchema },
  responses: {
    200: versionedResponse(MeetingSchema, 'The meeting; the ETag header carries its version.'),
    ...errorResponses('not_found'),
  },
});

export function registerGetMeeting(app: ServiceApp<MeetingsDeps>) {
  app.openapi(getMeetingRoute, async (c) => {
    const { id } = c.req.valid('param');
    const record = await findMeetingById(c.get('deps').db, id);
    if (!record) {
      throw new MeetingNotFound(id);
    }
    c.header('etag', etagOf(record.meeting.id, record.meeting.version));
    return c.json(presentMeeting(record), 200);
  });
}
