import type { AppOptions } from '@trellis/kit';
import type { MeetingsDeps } from './deps.ts';
import { meetingsService } from './service.ts';

export type MeetingsAppOptions = AppOptions<MeetingsDeps>;

/** The meetings service, runtime-agnostic: Node and Deno entries both serve this app. */
export const createMeetingsApp = (options: MeetingsAppOptions) =>
  meetingsService.createApp(options);
