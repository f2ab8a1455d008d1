import { describe, expect, it } from 'vitest';
import { createRouter, createService } from '../src/index.ts';
import { scrubUrlQueries } from '../src/log-scrub.ts';
import { captureLogger } from '../src/testing.ts';

/** An error shaped as drizzle throws it for a failed query, its cause as postgres.js makes it. */
function failedQueryError() {
  const cause = Object.assign(new Error('new row for relation "users" violates check constraint'), {
    name: 'PostgresError',
    severity: 'ERROR',
    code: '23514',
    detail: 'Failing row contains (usr_1, ada@example.com, pbkdf2$1000$salt$HASHVALUE).',
    table_name: 'users',
    constraint_name: 'users_name_check',
  });
  const params = ['usr_1', 'ada@example.com', 'pbkdf2$1000$salt$HASHVALUE'];
  const sql = 'insert into "users" ("id", "email", "password_hash") values ($1, $2, $3)';
  return Object.assign(new Error(`Failed query: ${sql}\nparams: ${params}`, { cause }), {
    query: sql,
    params,
  });
}

describe('log lines', () => {
  it('never carry the parameters of a failed query, nor the row values Postgres quotes', () => {
    const { logger, lines } = captureLogger();
    logger.error({ err: failedQueryError() }, 'request failed');
    logger.error(failedQueryError());
    logger.warn(
      { error: failedQueryError(), attempts: [{ failure: failedQueryError() }] },
      'retry',
    );
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/HASHVALUE|ada@example\.com/);
    expect(lines[0]).toMatchObject({
      msg: 'request failed',
      err: {
        message: expect.stringContaining('Failed query: insert into "users"'),
        query: 'insert into "users" ("id", "email", "password_hash") values ($1, $2, $3)',
      },
    });
    const err = lines[0]?.err as { message: string; stack: string };
    expect(err.message).toContain('violates check constraint');
    expect(err.stack).toContain('caused by: PostgresError');
    expect(lines[2]?.error).toMatchObject({ query: expect.stringContaining('insert') });
    expect(lines[1]?.msg).toBe(
      'Failed query: insert into "users" ("id", "email", "password_hash") values ($1, $2, $3)',
    );
  });

  it('survive an error that refers to itself', () => {
    const { logger, lines } = captureLogger();
    const error = new Error('loop') as Error & { self?: unknown };
    error.self = error;
    logger.error({ err: error, other: error }, 'looped');
    expect(lines[0]).toMatchObject({ err: { message: 'loop' }, other: { message: 'loop' } });
  });

  it('carry a DOMException, as Web Crypto and timeouts throw them', () => {
    const { logger, lines } = captureLogger();
    logger.warn({ err: new DOMException('The operation failed', 'OperationError') }, 'failed');
    expect(lines[0]).toMatchObject({
      msg: 'failed',
      err: { message: 'The operation failed', stack: expect.any(String) },
    });
  });

  it('keep the codes that say what failed', () => {
    const { logger, lines } = captureLogger();
    const error = Object.assign(new Error('duplicate key'), { code: 'E_DUP', status: 409 });
    logger.warn({ err: error }, 'refused');
    expect(lines[0]?.err).toMatchObject({ type: 'Error', code: 'E_DUP', status: 409 });
  });

  it('never carry a query string, in fields, messages or errors', () => {
    const { logger, lines } = captureLogger();
    const url = 'http://users:4101/v1/password-resets?token=RESETTOKEN&email=ada@example.com';
    logger.warn(
      { url, nested: { calls: [url] }, err: new Error(`GET ${url} answered 503`) },
      `GET /v1/users?q=ada@example.com failed`,
    );
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/RESETTOKEN|ada@example\.com/);
    expect(lines[0]).toMatchObject({
      url: 'http://users:4101/v1/password-resets?[redacted]',
      msg: 'GET /v1/users?[redacted] failed',
    });
  });

  it('of a service never carry the query string of a request, even when it fails', async () => {
    const { logger, lines } = captureLogger();
    const app = createService({
      name: 'things',
      version: '1',
      instanceId: 'things-1',
      description: 'Things.',
      logger,
      deps: {},
    });
    const router = createRouter();
    router.get('/v1/fail', (c) => {
      throw new Error(`could not load ${c.req.url}`);
    });
    app.route('/', router);
    const res = await app.request('/v1/fail?email=ada@example.com&token=RESETTOKEN');
    expect(res.status).toBe(500);
    expect(lines.map((line) => line.msg)).toEqual(['request failed', 'request']);
    expect(JSON.stringify(lines)).not.toMatch(/RESETTOKEN|ada@example\.com/);
  });
});

describe('query strings', () => {
  it('are cut from URLs and paths but leave other question marks alone', () => {
    expect(scrubUrlQueries('see https://x.example/a/b?c=d#top and /v1/users?q=x, ok?')).toBe(
      'see https://x.example/a/b?[redacted]#top and /v1/users?[redacted] ok?',
    );
    expect(scrubUrlQueries('why? because')).toBe('why? because');
  });
});
