import { secretMask } from './secrets.ts';

export type ConfigValues = Record<string, unknown>;

export interface DiffEntry {
  /** The changed key, dotted into nested objects: `features.newCheckout`. */
  path: string;
  op: 'add' | 'remove' | 'change';
  before?: unknown;
  after?: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values; key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]))
    );
  }
  return false;
}

function walk(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix: string,
  secrets: ReadonlySet<string>,
  out: DiffEntry[],
) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    const path = prefix ? `${prefix}.${key}` : key;
    const had = Object.hasOwn(before, key);
    const has = Object.hasOwn(after, key);
    if (had && has && jsonEqual(before[key], after[key])) {
      continue;
    }
    if (secrets.has(path)) {
      out.push({
        path,
        op: had && has ? 'change' : had ? 'remove' : 'add',
        ...(had ? { before: secretMask } : {}),
        ...(has ? { after: secretMask } : {}),
      });
    } else if (!had) {
      out.push({ path, op: 'add', after: after[key] });
    } else if (!has) {
      out.push({ path, op: 'remove', before: before[key] });
    } else if (isPlainObject(before[key]) && isPlainObject(after[key])) {
      walk(before[key], after[key], path, secrets, out);
    } else {
      out.push({ path, op: 'change', before: before[key], after: after[key] });
    }
  }
}

/**
 * What changed from `before` to `after`, key by key (arrays compare whole). Secret keys are
 * compared in clear but reported masked, so a diff never carries a secret.
 */
export function diffValues(
  before: ConfigValues,
  after: ConfigValues,
  secretKeys: Iterable<string>,
): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk(before, after, '', new Set(secretKeys), out);
  return out;
}
