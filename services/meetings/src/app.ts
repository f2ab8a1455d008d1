import { createService, type Logger, type Resilience } from '@trellis/kit';
import type { MeetingsDeps } from './deps.ts';
import { createMeetingsRouter } from './routes/meetings/index.ts';
import { createRoomsRouter } from './routes/rooms/index.ts';

export interface MeetingsAppOptions {
  /** The engine the service's rules live in; `connectPlatform` makes one. */
  resilience?: Resilience;
  deps: MeetingsDeps;
  logger: Logger;
  version: string;
  instanceId: string;
  ping: () => Promise<void>;
}

/** The meetings service, runtime-agnostic: Node and Deno entries both serve this app. */
export function createMeetingsApp(options: MeetingsAppOptions) {
  const app = createService({
    name: 'meetings',
    version: options.version,
    instanceId: options.instanceId,
    description:
      'Rooms with capacity; meetings with organizer, room, time range and attendees; ' +
      'no double booking of a room; RSVP and cancel.',
    logger: options.logger,
    deps: options.deps,
    ...(options.resilience ? { resilience: options.resilience } : {}),
    readiness: { database: options.ping },
  });
  app.route('/', createRoomsRouter());
  app.route('/', createMeetingsRouter());
  return app;
}
