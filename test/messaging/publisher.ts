// The business side of the delivery test, in a process of its own: `node --import tsx
// publisher.ts`. Commits purchases at about RATE events a second from CLIENTS concurrent
// clients, each transaction writing its own rows and publishing one event per row, so an
// event is acknowledged exactly when its purchase row exists. Stops after a `stop` line on
// stdin once at least MIN events are committed, then prints `done <count>`.
import { createInterface } from 'node:readline';
import { createDb } from '@trellis/db';
import { publish } from '@trellis/kit';
import { sql } from 'drizzle-orm';
import { tallyTopic } from '../../services/kit/test/messaging/subscriber-harness.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is required`);
  }
  return value;
};

const rate = Number(process.env.RATE ?? 150);
const minimum = Number(process.env.MIN ?? 3000);
const clients = Number(process.env.CLIENTS ?? 4);
const handle = createDb(env('DATABASE_URL'), { max: clients, applicationName: 'publisher' });

let stopping = false;
const stdin = createInterface({ input: process.stdin });
stdin.on('line', (line) => {
  if (line.trim() === 'stop') {
    stopping = true;
  }
});
stdin.on('close', () => {
  stopping = true;
});

let committed = 0;
let failed = 0;
let nextSlot = Date.now();

/**
 * Waits for this purchase's slot: a steady load at most `rate` events a second, never a burst
 * to catch up after a slow spell (the test times its faults by the backlog that builds up).
 */
async function paced(events: number): Promise<void> {
  const at = Math.max(nextSlot, Date.now());
  nextSlot = at + (events * 1000) / rate;
  if (at > Date.now()) {
    await new Promise((resolve) => setTimeout(resolve, at - Date.now()));
  }
}

/** One purchase order of 1–3 lines: a row and an event per line, committed together. */
async function purchase(): Promise<void> {
  const lines = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () =>
    Math.floor(Math.random() * 1_000_000),
  );
  await paced(lines.length);
  // The topic's key is String(n): taking the per-key locks in one order keeps two orders
  // from deadlocking on each other.
  lines.sort((a, b) => String(a).localeCompare(String(b)));
  await handle.db.transaction(async (tx) => {
    for (const n of lines) {
      const eventId = await publish(tx, tallyTopic, { n });
      await tx.execute(sql`insert into purchases (event_id, n) values (${eventId}, ${n})`);
    }
  });
  committed += lines.length;
}

async function client(): Promise<void> {
  while (!stopping || committed < minimum) {
    try {
      await purchase();
    } catch (error) {
      // Rolled back: neither its rows nor its events exist, so nothing was acknowledged.
      failed += 1;
      process.stderr.write(`purchase failed: ${String(error)}\n`);
    }
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: clients }, () => client()));
stdin.close();
await handle.close();
process.stdout.write(`done ${committed} (${failed} rolled back)\n`);
