/**
 * Text Postgres cannot store: `text` and `jsonb` refuse the NUL character, and `jsonb` refuses
 * an unpaired UTF-16 surrogate (a `text` column would silently turn it into U+FFFD instead).
 * Checked once on every validated input, so no such string reaches a query as a 500.
 */

/** Deeper input than this is refused: nobody sends it on purpose, and walking it costs. */
export const maxInputDepth = 64;

// With the u flag a string is read by code points, so only a surrogate without its pair matches.
const loneSurrogate = /\p{Surrogate}/u;

/** Why `text` cannot be stored, or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  if (text.includes('\u0000')) {
    return 'must not contain the NUL character (U+0000)';
  }
  if (loneSurrogate.test(text)) {
    return 'must not contain an unpaired surrogate (U+D800 to U+DFFF); send well-formed Unicode';
  }
  return undefined;
}

export interface UnstorableField {
  /** Where the string is, as zod issue paths are: `['values', 'greeting']`. */
  path: PropertyKey[];
  message: string;
}

/**
 * Every string (value or object key) in `input` that Postgres cannot store, and any part
 * nested deeper than `maxInputDepth`. Walks with an explicit stack: input nested deep enough
 * to overflow a recursive walk is exactly what must be refused.
 */
export function findUnstorable(input: unknown): UnstorableField[] {
  const found: UnstorableField[] = [];
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value: input, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      const message = unstorableReason(value);
      if (message) {
        found.push({ path, message });
      }
      continue;
    }
    if (value === null || typeof value !== 'object' || value instanceof Date) {
      continue;
    }
    if (path.length >= maxInputDepth) {
      found.push({ path, message: `is nested more than ${maxInputDepth} levels deep` });
      continue;
    }
    const entries: [PropertyKey, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value);
    // Pushed last to first, so they are taken, and reported, in the order they were sent.
    for (const [key, item] of entries.reverse()) {
      const keyReason = typeof key === 'string' ? unstorableReason(key) : undefined;
      if (keyReason) {
        found.push({ path, message: `has a key that ${keyReason}` });
        continue;
      }
      pending.push({ value: item, path: [...path, key] });
    }
  }
  return found;
}
