import {
  createRoute,
  decodeCursor,
  errorResponses,
  jsonResponse,
  type ServiceApp,
  toPage,
  utcDateTime,
  z,
} from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { assertTimeRange } from '../../domain.ts';
import { listMeetings } from '../../repository.ts';
import { presentMeeting } from './present.ts';
import { ListMeetingsQuerySchema, MeetingPageSchema } from './schema.ts';

export const listMeetingsRoute = createRoute({
  method: 'get',
  path: '/v1/meetings',
  operationId: 'meetings.list',
  tags: ['meetings'],
  summary: 'List meetings by start time, filtered by room, person and time window',
  request: { query: ListMeetingsQuerySchema },
  responses: {
    200: jsonResponse(MeetingPageSchema, 'One page of meetings.'),
    ...errorResponses(),
  },
});

function decodeMeetingCursor(cursor: string | undefined) {
  const after = decodeCursor(cursor, { startsAt: utcDateTime(), id: z.string() });
  return after ? { startsAt: new Date(after.startsAt), id: after.id } : undefined;
}

export function registerListMeetings(app: ServiceApp<MeetingsDeps>) {
  app.openapi(listMeetingsRoute, async (c) => {
    const query = c.req.valid('query');
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to) {
      assertTimeRange(from, to, { in: 'query', start: 'from', end: 'to' });
    }
    const after = decodeMeetingCursor(query.cursor);
    const records = await listMeetings(c.get('deps').db, {
      ...(query.roomId ? { roomId: query.roomId } : {}),
      ...(query.attendeeId ? { attendeeId: query.attendeeId } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(query.status ? { status: query.status } : {}),
      limit: query.limit,
      ...(after ? { after } : {}),
    });
    const page = toPage(records, query.limit, ({ meeting }) => ({
      startsAt: meeting.startsAt.toISOString(),
      id: meeting.id,
    }));
    return c.json({ items: page.items.map(presentMeeting), nextCursor: page.nextCursor }, 200);
  });
}
