import { meetingStatus, orderStatus, rsvpResponse, userRole, userStatus } from '@trellis/db/schema';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { meetingStatuses, rsvpResponses } from '@trellis/meetings/lifecycle';
import { orderStatuses } from '@trellis/orders/lifecycle';
import { userRoles, userStatuses } from '@trellis/users/lifecycle';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/*
 * The services' domains define their statuses; the database cannot import them (db sits below
 * the services), so its enums are held to the domains here, both as drizzle declares them and
 * as the committed migrations made them.
 */
const enums = [
  { owner: 'orders', column: orderStatus, domain: orderStatuses },
  { owner: 'users', column: userStatus, domain: userStatuses },
  { owner: 'users', column: userRole, domain: userRoles },
  { owner: 'meetings', column: meetingStatus, domain: meetingStatuses },
  { owner: 'meetings', column: rsvpResponse, domain: rsvpResponses },
];

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
});

afterAll(async () => {
  await database?.drop();
});

async function labelsInDatabase(enumName: string): Promise<string[]> {
  const rows = await database.sql<{ label: string }[]>`
    select e.enumlabel as label
    from pg_enum e join pg_type t on t.oid = e.enumtypid
    where t.typname = ${enumName}
    order by e.enumsortorder`;
  return rows.map((row) => row.label);
}

describe.each(enums)('the $column.enumName enum', ({ owner, column, domain }) => {
  it(`is declared in the drizzle schema with the ${owner} domain's values, in order`, () => {
    expect(column.enumValues).toEqual(domain);
  });

  it(`holds in the migrated database the ${owner} domain's values, in order`, async () => {
    expect(await labelsInDatabase(column.enumName)).toEqual(domain);
  });
});
