import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsersHarness, type UsersHarness } from '../../services/users/test/harness.ts';

let h: UsersHarness;

beforeAll(async () => {
  h = await createUsersHarness();
  // A rule the service does not know about, so the insert fails in Postgres and answers 500.
  await h.database.sql`alter table users add constraint refuses_one_name check (name <> 'Refused')`;
});
afterAll(async () => {
  await h.database.drop();
});

describe('a query that fails in Postgres', () => {
  it('is logged without its parameters or the row Postgres quotes back', async () => {
    const res = await h.request('/v1/users?invite=ada.refused@example.com', {
      method: 'POST',
      json: { email: 'ada.refused@example.com', name: 'Refused', password: 'correct horse 42' },
    });
    expect(res.status).toBe(500);
    const failure = h.logLines.find((line) => line.msg === 'request failed');
    expect(failure?.err).toMatchObject({
      message: expect.stringMatching(/^Failed query: insert into "users"[\s\S]*refuses_one_name/),
      query: expect.stringContaining('values ($1, $2'),
    });
    const text = JSON.stringify(h.logLines);
    expect(text).not.toContain('pbkdf2-sha256$');
    expect(text).not.toContain('ada.refused@example.com');
    expect(text).not.toContain('Failing row contains');
  });
});
