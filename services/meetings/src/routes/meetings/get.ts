import { readRoute, registerRead, type ServiceApp } from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { MeetingNotFound } from '../../domain.ts';
import { findMeetingFor, ownerOrOperator } from './access.ts';
import { presentMeeting } from './present.ts';
import { MeetingParamsSchema, MeetingSchema } from './schema.ts';

export const getMeetingRoute = readRoute({
  operationId: 'meetings.get',
  summary: 'Get a meeting with its attendees and their responses',
  access: ownerOrOperator,
  params: MeetingParamsSchema,
  answer: {
    schema: MeetingSchema,
    description: 'The meeting; the ETag header carries its version.',
  },
});

export function registerGetMeeting(app: ServiceApp<MeetingsDeps>) {
  registerRead(app, getMeetingRoute, {
    read: ({ db }, id, c) => findMeetingFor(c, db, id),
    notFound: (id) => new MeetingNotFound(id),
    present: presentMeeting,
  });
}
