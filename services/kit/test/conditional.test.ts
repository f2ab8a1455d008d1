import { describe, expect, it } from 'vitest';
import { ApiError, assertIfMatch, changeVersioned, etagOf } from '../src/index.ts';

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

describe('changeVersioned', () => {
  type Row = { id: string; version: number; name: string };

  /** A one-row store; `interfere` runs between the read and the write, as a racing request. */
  function store(interfere = () => {}) {
    let row: Row = { id: 'usr_1', version: 1, name: 'Ada' };
    return {
      get row() {
        return row;
      },
      change(ifMatch: string | undefined, name: string) {
        return changeVersioned<Row>({
          ifMatch,
          read: async () => ({ ...row }),
          notFound: () => new Error('missing'),
          write: async (current) => {
            interfere();
            if (row.version !== current.version) {
              return undefined;
            }
            row = { ...row, name, version: row.version + 1 };
            return row;
          },
          lostRace: () => new Error('lost the race'),
        });
      },
      bump() {
        row = { ...row, version: row.version + 1 };
      },
    };
  }

  it('writes against the version read, with or without a current If-Match', async () => {
    const s = store();
    expect(await s.change(undefined, 'Ada K')).toMatchObject({ version: 2, name: 'Ada K' });
    expect(await s.change('"usr_1.v2"', 'Ada L')).toMatchObject({ version: 3, name: 'Ada L' });
  });

  it('answers a stale If-Match with 412 before writing anything', async () => {
    const s = store();
    const error = await s.change('"usr_1.v0"', 'Nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(412);
    expect(s.row).toMatchObject({ version: 1, name: 'Ada' });
  });

  it('turns a lost race into 412 when If-Match named the overtaken version, else lostRace', async () => {
    let racing = store();
    racing = store(() => racing.bump());
    const withIfMatch = await racing.change('"usr_1.v1"', 'Late').catch((e: unknown) => e);
    expect((withIfMatch as ApiError).status).toBe(412);
    const plain = await racing.change(undefined, 'Late').catch((e: unknown) => e);
    expect((plain as Error).message).toBe('lost the race');
  });
});
