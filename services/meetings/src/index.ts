export { createMeetingsApp } from './app.ts';
export { type MeetingsConfig, meetingsConfig } from './config.ts';
export type { MeetingsDeps } from './deps.ts';
export * from './routes/meetings/schema.ts';
export * from './routes/rooms/schema.ts';
