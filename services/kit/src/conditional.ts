import { z } from '@hono/zod-openapi';
import { ApiError } from './errors.ts';

/** Strong ETag of a versioned resource. */
export function etagOf(id: string, version: number): string {
  return `"${id}.v${version}"`;
}

/** Whether an `If-Match` or `If-None-Match` list (`*`, weak tags included) names `etag`. */
export function etagMatches(header: string, etag: string): boolean {
  const candidates = header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return candidates.includes('*') || candidates.includes(etag);
}

/**
 * Checks an `If-Match` header against the current ETag; absent means unconditional.
 * `*` matches any existing resource.
 */
export function assertIfMatch(ifMatch: string | undefined, currentEtag: string): void {
  if (ifMatch === undefined || etagMatches(ifMatch, currentEtag)) {
    return;
  }
  throw new ApiError('precondition_failed', {
    detail: `The resource changed since it was read: its ETag is now ${currentEtag}.`,
    errors: [{ in: 'header', path: 'if-match', message: `does not match ${currentEtag}` }],
    extensions: { currentEtag },
  });
}

export const IfMatchHeaderSchema = z.object({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .openapi({
      description:
        'ETag from a previous read; the change is refused with 412 if the resource changed since. ' +
        'Without it the change applies to whatever version is current.',
      example: '"ord_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b.v1"',
    }),
});

export const IfNoneMatchHeaderSchema = z.object({
  'if-none-match': z.string().max(200).optional().openapi({
    description: 'ETag from a previous read; 304 if unchanged.',
    example: '"usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b.v1"',
  }),
});

/** A resource whose every change bumps `version`; its ETag is `etagOf(id, version)`. */
export interface Versioned {
  id: string;
  version: number;
}

export interface VersionedChange<Row extends Versioned> {
  /** The validated `If-Match` header; undefined makes the change unconditional. */
  ifMatch: string | undefined;
  read: () => Promise<Row | undefined>;
  notFound: () => Error;
  /**
   * Decides and writes the change, only if the row is still at `current.version`; undefined
   * when another request changed it first. Domain rules throw their typed errors from here.
   */
  write: (current: Row) => Promise<Row | undefined>;
  /** What to answer when the write lost a race and `If-Match` did not settle it. */
  lostRace: (latest: Row | undefined, current: Row) => Error;
}

/**
 * Read, check `If-Match` (412 before any domain rule is looked at), write against the version
 * read. A lost race is a 412 when `If-Match` named the version that was overtaken.
 */
export async function changeVersioned<Row extends Versioned>(
  change: VersionedChange<Row>,
): Promise<Row> {
  const current = await change.read();
  if (!current) {
    throw change.notFound();
  }
  assertIfMatch(change.ifMatch, etagOf(current.id, current.version));
  const updated = await change.write(current);
  if (updated) {
    return updated;
  }
  const latest = await change.read();
  if (latest) {
    assertIfMatch(change.ifMatch, etagOf(latest.id, latest.version));
  }
  throw change.lostRace(latest, current);
}
