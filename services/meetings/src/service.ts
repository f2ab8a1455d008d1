import { createClient, registryDiscovery } from '@trellis/client';
import { defineService } from '@trellis/kit';
import { meetingsConfig } from './config.ts';
import type { MeetingsDeps } from './deps.ts';
import { meetingsEnvSchema } from './env.ts';
import { createMeetingsRouter } from './routes/meetings/index.ts';
import { createRoomsRouter } from './routes/rooms/index.ts';
import { meetingsSubscriptions } from './subscriptions/index.ts';

/** The meetings service, declared; `runOnNode(meetingsService)` and `runOnDeno` serve it. */
export const meetingsService = defineService({
  name: 'meetings',
  description:
    'Rooms with capacity; meetings with organizer, room, time range and attendees; ' +
    'no double booking of a room; RSVP and cancel.',
  envSchema: meetingsEnvSchema,
  config: meetingsConfig,
  routes: [createRoomsRouter, createMeetingsRouter],
  discovery: registryDiscovery,
  clients: { users: (options) => createClient('users', options) },
  subscriptions: meetingsSubscriptions,
  deps: ({ baseDeps }): MeetingsDeps => baseDeps,
});
