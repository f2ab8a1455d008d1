import { z } from '@hono/zod-openapi';
import { ApiError } from './errors.ts';

export const LimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(20)
  .openapi({ description: 'Page size, 1 to 100.', example: 20 });

export const CursorSchema = z.string().max(200).optional().openapi({
  description: "Opaque cursor from the previous page's `nextCursor`.",
  example: 'eyJpZCI6InVzcl8wMTkifQ',
});

export function encodeCursor(position: Record<string, string>): string {
  return btoa(JSON.stringify(position))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

export class InvalidCursor extends ApiError {
  constructor() {
    super('bad_request', {
      detail: 'The cursor is not one this service issued.',
      errors: [{ in: 'query', path: 'cursor', message: 'is not a valid cursor' }],
    });
  }
}

/** Decodes a cursor made by `encodeCursor`; anything else is a 400 naming `cursor`. */
export function decodeCursor<K extends string>(cursor: string | undefined, keys: readonly K[]) {
  if (cursor === undefined) {
    return undefined;
  }
  try {
    const padded = cursor.replaceAll('-', '+').replaceAll('_', '/');
    const value = JSON.parse(atob(padded)) as Record<string, unknown>;
    if (keys.every((key) => typeof value[key] === 'string')) {
      return value as Record<K, string>;
    }
  } catch {
    // fall through to the 400 below
  }
  throw new InvalidCursor();
}

/** Cuts a `limit + 1` result set into a page and the cursor of the next one. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => Record<string, string>) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(cursorOf(last)) : null;
  return { items, nextCursor };
}

/** How a list's cursor is made from the last row of a page and read back for its repository. */
export interface PageCursor<Row, After> {
  /** The members of an encoded cursor. */
  keys: readonly string[];
  positionOf: (row: Row) => Record<string, string>;
  /** The decoded position as the repository takes it; throws `InvalidCursor` if it is nonsense. */
  after: (position: Record<string, string>) => After;
}

/** Newest first by time-sortable id: the cursor carries the last id, the repository `afterId`. */
export const idCursor: PageCursor<{ id: string }, { afterId: string }> = {
  keys: ['id'],
  positionOf: (row) => ({ id: row.id }),
  after: (position) => ({ afterId: position.id as string }),
};

/**
 * Newest first by a whole number (a serial id, a revision): the cursor carries the last one,
 * the repository takes it as `field` (e.g. `beforeRevision`).
 */
export function integerCursor<Key extends string, Field extends string>(
  key: Key,
  field: Field,
): PageCursor<Record<Key, number>, Record<Field, number>> {
  return {
    keys: [key],
    positionOf: (row) => ({ [key]: String(row[key]) }),
    after: (position) => {
      const value = Number(position[key]);
      if (!Number.isSafeInteger(value)) {
        throw new InvalidCursor();
      }
      return { [field]: value } as Record<Field, number>;
    },
  };
}

/**
 * One page of a keyset-paged list: the validated query's cursor is decoded into the position
 * the repository takes, `fetch` returns up to `limit + 1` rows, and the extra one makes
 * `nextCursor`. The query's other members (filters, `limit`) are passed on as they are.
 */
export async function listPage<Query extends { limit: number; cursor?: string }, Row, After>(
  query: Query,
  cursor: PageCursor<Row, After>,
  fetch: (page: Omit<Query, 'cursor'> & Partial<After>) => Promise<Row[]>,
): Promise<{ items: Row[]; nextCursor: string | null }> {
  const { cursor: encoded, ...rest } = query;
  const position = decodeCursor(encoded, cursor.keys);
  const after: Partial<After> = position ? cursor.after(position) : {};
  const rows = await fetch({ ...rest, ...after });
  return toPage(rows, query.limit, cursor.positionOf);
}
