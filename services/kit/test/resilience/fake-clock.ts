export interface FakeClock {
  now: number;
  clock: () => number;
  advance(ms: number): void;
}

export function createFakeClock(start = 10_000): FakeClock {
  const fake: FakeClock = {
    now: start,
    clock: () => fake.now,
    advance(ms) {
      fake.now += ms;
    },
  };
  return fake;
}
