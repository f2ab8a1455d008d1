import { describe, expect, it } from 'vitest';
import {
  ApiError,
  decodeCursor,
  encodeCursor,
  InvalidCursor,
  idCursor,
  integerCursor,
  listPage,
  toPage,
} from '../src/index.ts';

function cursorError(cursor: string): ApiError {
  try {
    decodeCursor(cursor, ['id']);
  } catch (error) {
    if (error instanceof ApiError) {
      return error;
    }
    throw error;
  }
  throw new Error(`cursor ${cursor} was accepted`);
}

describe('cursors', () => {
  it('decode to the position they were encoded from', () => {
    const position = { id: 'usr_0190a1b2c3d4e5f60718293a4b5c6d7e', createdAt: '2026-11-26T10:00Z' };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ['id', 'createdAt'])).toEqual(position);
  });

  it('stay URL-safe when the base64 would need + or /', () => {
    const position = { id: '>>>???~~~' };
    const cursor = encodeCursor(position);
    expect(cursor).not.toMatch(/[+/=]/);
    expect(decodeCursor(cursor, ['id'])).toEqual(position);
  });

  it('decode an absent cursor as the first page', () => {
    expect(decodeCursor(undefined, ['id'])).toBeUndefined();
  });

  it.each([
    ['not base64', '!!!'],
    ['base64 of something other than JSON', btoa('hello')],
    ['JSON null', btoa('null')],
    ['a position missing a key', encodeCursor({ other: 'x' })],
    ['a position with a non-string key', btoa(JSON.stringify({ id: 7 }))],
  ])('refuse %s with a 400 naming cursor', (_case, cursor) => {
    const error = cursorError(cursor);
    expect(error.status).toBe(400);
    expect(error.errors).toEqual([
      { in: 'query', path: 'cursor', message: 'is not a valid cursor' },
    ]);
  });
});

describe('toPage', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('cuts limit + 1 rows into a page and a cursor at its last item', () => {
    const page = toPage(rows, 2, (row) => ({ id: row.id }));
    expect(page.items).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(decodeCursor(page.nextCursor ?? undefined, ['id'])).toEqual({ id: 'b' });
  });

  it('gives no cursor on the last page', () => {
    expect(toPage(rows, 3, (row) => ({ id: row.id })).nextCursor).toBeNull();
  });
});

describe('listPage', () => {
  const rows = Array.from({ length: 5 }, (_, index) => ({ n: 5 - index }));
  const byN = integerCursor('n', 'belowN');
  const fetchBelow = async (query: { limit: number; belowN?: number }) =>
    rows
      .filter((row) => query.belowN === undefined || row.n < query.belowN)
      .slice(0, query.limit + 1);

  it('walks a list page by page through its cursors, passing filters on', async () => {
    const seen: number[] = [];
    const queries: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    do {
      const page = await listPage({ limit: 2, cursor, status: 'open' }, byN, (query) => {
        queries.push(query);
        return fetchBelow(query);
      });
      seen.push(...page.items.map((row) => row.n));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    expect(queries).toEqual([
      { limit: 2, status: 'open' },
      { limit: 2, status: 'open', belowN: 4 },
      { limit: 2, status: 'open', belowN: 2 },
    ]);
  });

  it('refuses a cursor whose integer member is not a whole number with a 400 naming cursor', async () => {
    const cursor = encodeCursor({ n: '1e999' });
    const error = await listPage({ limit: 2, cursor }, byN, fetchBelow).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCursor);
    expect((error as ApiError).errors).toEqual([
      { in: 'query', path: 'cursor', message: 'is not a valid cursor' },
    ]);
  });

  it('pages by id with idCursor, handing the repository afterId', async () => {
    const fetched: Record<string, unknown>[] = [];
    const page = await listPage(
      { limit: 1, cursor: encodeCursor({ id: 'b' }) },
      idCursor,
      async (q) => {
        fetched.push(q);
        return [{ id: 'a' }];
      },
    );
    expect(fetched).toEqual([{ limit: 1, afterId: 'b' }]);
    expect(page).toEqual({ items: [{ id: 'a' }], nextCursor: null });
  });
});
