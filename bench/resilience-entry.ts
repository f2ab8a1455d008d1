/**
 * The cost of protecting a call with the kit's resilience engine: a plain Node loop timing
 * `resources.entry(name)` + `entry.exit()` around a trivial function, against calling the same
 * function unprotected. Rows add statistics only, then a QPS flow rule, then a slow-call breaker,
 * then a hot-parameter limit; rules are set high enough never to block, so every call takes the
 * admitted path. The clock is the real `performance.now`, read on entry and on exit.
 *
 *   npm run bench:resilience
 *   npm run bench:resilience -- --iterations 5000000 --rounds 7
 */
import { parseArgs } from 'node:util';
import { createResources, type RuleSet } from '@trellis/kit';
import { printTable } from './support.ts';

const { values: args } = parseArgs({
  options: { iterations: { type: 'string' }, rounds: { type: 'string' } },
});
const iterations = Number(args.iterations ?? 2_000_000);
const rounds = Number(args.rounds ?? 5);

const NAME = 'POST /v1/orders';
let sink = 0;
function work(n: number): number {
  sink = (sink + n) | 0;
  return sink;
}

const flow = { resource: NAME, threshold: 1e12 };
const breaker = {
  resource: NAME,
  strategy: 'slow-call-ratio' as const,
  threshold: 1,
  slowCallRtMs: 10_000,
  minRequests: 1_000_000,
};
const hotParam = { resource: NAME, param: 'userId', threshold: 1e12, maxTrackedValues: 1000 };

type Loop = () => void;

function unprotected(): Loop {
  return () => {
    for (let i = 0; i < iterations; i++) {
      work(i);
    }
  };
}

function protectedLoop(rules: RuleSet, withParams = false): Loop {
  const resources = createResources({ rules });
  const params = { userId: 'usr_42' };
  const options = withParams ? { params } : undefined;
  return () => {
    for (let i = 0; i < iterations; i++) {
      const entry = resources.entry(NAME, options);
      work(i);
      entry.exit();
    }
  };
}

function nsPerCall(loop: Loop): number {
  loop();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    loop();
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

const cases: [string, Loop][] = [
  ['unprotected call', unprotected()],
  ['entry+exit, statistics only', protectedLoop({})],
  ['+ QPS flow rule', protectedLoop({ flow: [flow] })],
  ['+ flow rule + breaker', protectedLoop({ flow: [flow], breakers: [breaker] })],
  [
    '+ flow + breaker + hot param',
    protectedLoop({ flow: [flow], breakers: [breaker], hotParams: [hotParam] }, true),
  ],
];

const results = cases.map(([name, loop]) => ({ name, ns: nsPerCall(loop) }));
const baseline = results[0]?.ns ?? Number.NaN;
const rows = [
  ['case', 'ns/call', 'overhead ns', 'ratio'],
  ...results.map(({ name, ns }) => [
    name,
    ns.toFixed(1),
    (ns - baseline).toFixed(1),
    `${(ns / baseline).toFixed(1)}x`,
  ]),
];
printTable(rows, '  ');
console.log(
  `\n${iterations} calls x ${rounds} rounds (median), Node ${process.version} (checksum ${sink})`,
);
