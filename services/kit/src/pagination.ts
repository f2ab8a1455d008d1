import { z } from '@hono/zod-openapi';
import { pgInteger } from './bounds.ts';
import { ApiError } from './errors.ts';
import { findUnstorable } from './storable.ts';

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

function readCursor(cursor: string): unknown {
  try {
    return JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')));
  } catch {
    throw new InvalidCursor();
  }
}

/**
 * Decodes a cursor made by `encodeCursor`; anything else is a 400 naming `cursor`. Given keys,
 * each is a string Postgres can store; given a shape, each key is parsed by its schema (a
 * number or a date in a cursor is text: `boundedIntParam`, `utcDateTime`).
 */
export function decodeCursor<K extends string>(
  cursor: string | undefined,
  keys: readonly K[],
): Record<K, string> | undefined;
export function decodeCursor<S extends z.ZodRawShape>(
  cursor: string | undefined,
  shape: S,
): z.output<z.ZodObject<S>> | undefined;
export function decodeCursor(
  cursor: string | undefined,
  keysOrShape: readonly string[] | z.ZodRawShape,
): unknown {
  if (cursor === undefined) {
    return undefined;
  }
  const shape = Array.isArray(keysOrShape)
    ? Object.fromEntries(keysOrShape.map((key) => [key, z.string()]))
    : (keysOrShape as z.ZodRawShape);
  const parsed = z.object(shape).safeParse(readCursor(cursor));
  if (!parsed.success || findUnstorable(parsed.data).length > 0) {
    throw new InvalidCursor();
  }
  return parsed.data;
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
      if (!Number.isSafeInteger(value) || value < 0 || value > pgInteger.max) {
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
