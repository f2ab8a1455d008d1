import { describe, expect, it } from 'vitest';
import { type ServiceCompanion, startCompanions, stopCompanions } from '../src/entry.ts';
import { captureLogger } from '../src/testing.ts';

describe('service companions', () => {
  it('starts in order and stops all, logging failures instead of throwing', async () => {
    const { logger, lines } = captureLogger('companions');
    const events: string[] = [];
    const companions: ServiceCompanion[] = [
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
    await startCompanions(companions, logger);
    await stopCompanions(companions, logger);
    expect(events).toEqual(['start a', 'stop a', 'stop c']);
    expect(lines.map((line) => line.msg)).toEqual([
      'a companion failed to start',
      'a companion failed to stop',
    ]);
  });
});
