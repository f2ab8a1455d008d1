import { describe, expect, it } from 'vitest';
import { ApiError, assertIfMatch, etagOf } from '../src/index.ts';

const current = etagOf('usr_1', 3);

describe('assertIfMatch', () => {
  it('makes the ETag of a versioned resource from its id and version', () => {
    expect(current).toBe('"usr_1.v3"');
  });

  it.each([
    ['no If-Match at all', undefined],
    ['the current ETag', '"usr_1.v3"'],
    ['the current ETag marked weak', 'W/"usr_1.v3"'],
    ['a list holding the current ETag', '"usr_1.v1", "usr_1.v3"'],
    ['*', '*'],
  ])('lets %s through', (_case, ifMatch) => {
    expect(() => assertIfMatch(ifMatch, current)).not.toThrow();
  });

  it('refuses a stale ETag with 412, naming the header and the current ETag', () => {
    let thrown: unknown;
    try {
      assertIfMatch('"usr_1.v2"', current);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    const error = thrown as ApiError;
    expect(error.status).toBe(412);
    expect(error.code).toBe('precondition_failed');
    expect(error.errors).toEqual([
      { in: 'header', path: 'if-match', message: 'does not match "usr_1.v3"' },
    ]);
    expect(error.extensions).toEqual({ currentEtag: '"usr_1.v3"' });
  });
});
