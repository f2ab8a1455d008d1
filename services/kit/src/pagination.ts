import { z } from '@hono/zod-openapi';
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

const cursorRefused = () =>
  new ApiError('bad_request', {
    detail: 'The cursor is not one this service issued.',
    errors: [{ in: 'query', path: 'cursor', message: 'is not a valid cursor' }],
  });

function readCursor(cursor: string): unknown {
  try {
    return JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')));
  } catch {
    throw cursorRefused();
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
    throw cursorRefused();
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
