import { z } from '@hono/zod-openapi';

/**
 * Numbers and instants a request may carry, bounded to what the columns they reach can hold,
 * so an out-of-range value is a 400 naming the field rather than a failed query. The contract
 * test checks that every integer and date-time a request carries declares both bounds.
 */

/** The range of a Postgres `integer` (int4) column: revisions, serial ids, counts. */
export const pgInteger = { min: -2_147_483_648, max: 2_147_483_647 } as const;

/** An integer in a JSON body from `min` to `max`, by default the top of an int4 column. */
export function boundedInt(min: number, max: number = pgInteger.max) {
  return z.number().int().min(min).max(max);
}

/** An integer query, path or header parameter (text on the wire) from `min` to `max`. */
export function boundedIntParam(min: number, max: number = pgInteger.max) {
  return z.coerce.number().int().min(min).max(max);
}

/**
 * The instants a request may name. The four-digit years of ISO 8601 end at 9999; the start
 * keeps clear of year 0, which Postgres lacks, and of the local mean times Postgres prints for
 * dates before standard time zones, which JavaScript cannot parse back.
 */
export const instantBounds = {
  min: '1970-01-01T00:00:00.000Z',
  max: '9999-12-31T23:59:59.999Z',
} as const;

const earliest = Date.parse(instantBounds.min);
const latest = Date.parse(instantBounds.max);

/** Whether a `timestamptz` column can hold `instant` and give it back unchanged. */
export function isStorableInstant(instant: Date): boolean {
  const time = instant.getTime();
  return time >= earliest && time <= latest;
}

const boundsMessage = `must be from ${instantBounds.min} to ${instantBounds.max}`;

// The JSON Schema keywords ajv-formats implements for bounded formats; zod-openapi's metadata
// type lists only OpenAPI's own keywords, so they go in as extra members.
const documentedBounds = {
  formatMinimum: instantBounds.min,
  formatMaximum: instantBounds.max,
} as Record<string, unknown>;

/**
 * An ISO 8601 UTC date-time (`2026-12-01T09:00:00Z`) within `instantBounds`; the bounds are in
 * the contract as `formatMinimum`/`formatMaximum`.
 */
export function utcDateTime(
  message = 'must be an ISO 8601 UTC date-time, e.g. 2026-12-01T09:00:00Z',
) {
  return z.iso
    .datetime(message)
    .refine((text) => isStorableInstant(new Date(text)), { message: boundsMessage })
    .openapi(documentedBounds);
}
