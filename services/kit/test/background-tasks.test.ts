import { describe, expect, it } from 'vitest';
import {
  type BackgroundTask,
  startBackgroundTasks,
  stopBackgroundTasks,
} from '../src/background-tasks.ts';
import { captureLogger } from '../src/testing.ts';

describe('background tasks', () => {
  it('starts in order and stops all, logging failures instead of throwing', async () => {
    const { logger, lines } = captureLogger('background-tasks');
    const events: string[] = [];
    const tasks: BackgroundTask[] = [
      {
        start: () => {
          events.push('start a');
        },
        stop: async () => {
          events.push('stop a');
        },
      },
      {
        start: async () => {
          throw new Error('registry unreachable');
        },
        stop: async () => {
          throw new Error('already gone');
        },
      },
      {
        stop: async () => {
          events.push('stop c');
        },
      },
    ];
    await startBackgroundTasks(tasks, logger);
    await stopBackgroundTasks(tasks, logger);
    expect(events).toEqual(['start a', 'stop a', 'stop c']);
    expect(lines.map((line) => line.msg)).toEqual([
      'a background task failed to start',
      'a background task failed to stop',
    ]);
  });
});
