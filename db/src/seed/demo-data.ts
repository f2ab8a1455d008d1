import { newId } from '../ids.ts';
import { buildMeetings, seedRooms } from './meetings.ts';
import { buildOrders, type OrderCustomer } from './orders.ts';
import { createRandom } from './random.ts';
import { buildUsers, demoLogins } from './users.ts';

const prngSeed = 20_261_126;

function byCreation<T extends { createdAt: Date }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * The whole demo data set as rows, relative to `now`. Ids are handed out in creation order
 * so that id order (which lists sort by) agrees with the timestamps.
 */
export function buildDemoData(now: Date, passwordHashes: Map<string, string>) {
  const random = createRandom(prngSeed);
  const users = byCreation(buildUsers(random, now, passwordHashes)).map((user) => ({
    ...user,
    id: newId('user'),
  }));
  const rooms = seedRooms.map((room) => ({
    ...room,
    id: newId('room'),
    createdAt: users[0]?.createdAt ?? now,
  }));

  const customers: OrderCustomer[] = users.map((user) => ({
    id: user.id,
    email: user.email,
    status: user.status,
    createdAt: user.createdAt,
    ...(user.status === 'suspended' ? { suspendedAt: user.updatedAt ?? now } : {}),
  }));
  const member = customers.find((c) => c.email === demoLogins.member.email);
  const people = users.filter((user) => user.status === 'active');
  const regular = people.find((p) => p.email === demoLogins.member.email);
  if (!member || !regular) {
    throw new Error('the demo member login is missing from the seed users');
  }
  const shoppers = customers.filter((c) => !c.email.endsWith('@trellis.local'));

  const orders = byCreation(buildOrders(random, now, shoppers, member)).map((order) => ({
    ...order,
    id: newId('order'),
  }));
  const meetings = byCreation(buildMeetings(random, now, rooms, people, regular)).map(
    (meeting) => ({ ...meeting, id: newId('meeting') }),
  );
  return { users, rooms, orders, meetings };
}

export type DemoData = ReturnType<typeof buildDemoData>;
