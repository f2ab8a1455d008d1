import { describe, expect, it } from 'vitest';
import { defineStateMachine } from '../src/state-machine.ts';

const lampStatuses = ['off', 'on', 'broken'] as const;
type LampStatus = (typeof lampStatuses)[number];

class IllegalSwitch extends Error {
  constructor(
    readonly current: LampStatus,
    readonly action: string,
  ) {
    super(`cannot ${action} a lamp that is ${current}`);
  }
}

const lamp = defineStateMachine(lampStatuses, {
  switchOn: { from: 'off', to: 'on' },
  switchOff: { from: 'on', to: 'off' },
  smash: { from: 'on', to: 'broken' },
});

describe('a state machine', () => {
  it('lists its actions in the order they were written', () => {
    expect(lamp.actions).toEqual(['switchOn', 'switchOff', 'smash']);
  });

  it('offers from each status exactly the actions that start there', () => {
    expect(lamp.actionsFrom('off')).toEqual(['switchOn']);
    expect(lamp.actionsFrom('on')).toEqual(['switchOff', 'smash']);
    expect(lamp.actionsFrom('broken')).toEqual([]);
  });

  it('moves a status by an action that applies and refuses one that does not', () => {
    expect(lamp.next('on', 'smash', IllegalSwitch)).toBe('broken');
    expect(() => lamp.next('broken', 'switchOn', IllegalSwitch)).toThrow(
      new IllegalSwitch('broken', 'switchOn'),
    );
  });
});
