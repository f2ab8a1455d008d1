import { ApiError } from './errors.ts';

/** Strong ETag of a versioned resource. */
export function etagOf(id: string, version: number): string {
  return `"${id}.v${version}"`;
}

/**
 * Checks an `If-Match` header against the current ETag; absent means unconditional.
 * `*` matches any existing resource.
 */
export function assertIfMatch(ifMatch: string | undefined, currentEtag: string): void {
  if (ifMatch === undefined) {
    return;
  }
  const candidates = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (candidates.includes('*') || candidates.includes(currentEtag)) {
    return;
  }
  throw new ApiError('precondition_failed', {
    detail: `The resource changed since it was read: its ETag is now ${currentEtag}.`,
    errors: [{ in: 'header', path: 'if-match', message: `does not match ${currentEtag}` }],
    extensions: { currentEtag },
  });
}
