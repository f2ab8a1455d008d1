import {
  assertOwns,
  InvalidCursor,
  isStorableInstant,
  listRoute,
  ownerFilter,
  type PageCursor,
  registerList,
  type ServiceApp,
} from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { assertTimeRange } from '../../domain.ts';
import { listMeetings, type MeetingRecord } from '../../repository.ts';
import { ownerOrOperator } from './access.ts';
import { presentMeeting } from './present.ts';
import { ListMeetingsQuerySchema, MeetingPageSchema } from './schema.ts';

export const listMeetingsRoute = listRoute({
  operationId: 'meetings.list',
  summary: 'List meetings by start time, filtered by room, person and time window',
  description:
    'A member sees only the meetings they organize or are invited to (asking for another ' +
    "person's is a 403); operators and admins see all.",
  access: ownerOrOperator,
  request: { query: ListMeetingsQuerySchema },
  page: { schema: MeetingPageSchema, description: 'One page of meetings.' },
});

/** By start time, then id: the cursor carries both of the last meeting. */
const startCursor: PageCursor<MeetingRecord, { after: { startsAt: Date; id: string } }> = {
  keys: ['startsAt', 'id'],
  positionOf: ({ meeting }) => ({ startsAt: meeting.startsAt.toISOString(), id: meeting.id }),
  after: (position) => {
    const startsAt = new Date(position.startsAt ?? '');
    if (Number.isNaN(startsAt.getTime()) || !isStorableInstant(startsAt)) {
      throw new InvalidCursor();
    }
    return { after: { startsAt, id: position.id ?? '' } };
  },
};

/** The `from`/`to` window as instants; when both are given, `to` must come after `from`. */
function timeWindow(from: string | undefined, to: string | undefined) {
  const window = {
    from: from === undefined ? undefined : new Date(from),
    to: to === undefined ? undefined : new Date(to),
  };
  if (window.from && window.to) {
    assertTimeRange(window.from, window.to, { in: 'query', start: 'from', end: 'to' });
  }
  return window;
}

export function registerListMeetings(app: ServiceApp<MeetingsDeps>) {
  registerList(app, listMeetingsRoute, {
    cursor: startCursor,
    rows: ({ db }, { from, to, attendeeId, ...query }, c) => {
      if (attendeeId) {
        assertOwns(c, attendeeId, 'meetings');
      }
      const person = attendeeId ?? ownerFilter(c);
      return listMeetings(db, { ...query, attendeeId: person, ...timeWindow(from, to) });
    },
    present: presentMeeting,
  });
}
