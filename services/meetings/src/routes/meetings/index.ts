import { createRouter } from '@trellis/kit';
import type { MeetingsDeps } from '../../deps.ts';
import { registerCancelMeeting } from './cancel.ts';
import { registerCreateMeeting } from './create.ts';
import { registerGetMeeting } from './get.ts';
import { registerListMeetings } from './list.ts';
import { registerRsvpMeeting } from './rsvp.ts';

export function createMeetingsRouter() {
  const router = createRouter<MeetingsDeps>();
  registerCreateMeeting(router);
  registerListMeetings(router);
  registerGetMeeting(router);
  registerRsvpMeeting(router);
  registerCancelMeeting(router);
  return router;
}
