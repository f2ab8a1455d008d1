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

export interface PageRequest<Row, Item, K extends string> {
  /** The validated `limit` and `cursor` query parameters. */
  query: { limit: number; cursor?: string | undefined };
  /** The members of a cursor: the position of the last row of a page. */
  cursorKeys: readonly K[];
  /** Up to `limit + 1` rows in page order, starting after `after` when given. */
  fetch: (limit: number, after: Record<K, string> | undefined) => Promise<Row[]>;
  positionOf: (row: Row) => Record<K, string>;
  present: (row: Row) => Item;
}

/** One page of a keyset-paged list: cursor → query → `{ items, nextCursor }`. */
export async function listPage<Row, Item, K extends string>(
  request: PageRequest<Row, Item, K>,
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const { limit, cursor } = request.query;
  const rows = await request.fetch(limit, decodeCursor(cursor, request.cursorKeys));
  const page = toPage(rows, limit, request.positionOf);
  return { items: page.items.map((row) => request.present(row)), nextCursor: page.nextCursor };
}
