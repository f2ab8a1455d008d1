import { uuidv7 } from 'uuidv7';

/** Prefixes of every id kind; the rest is a UUIDv7 without dashes, so ids sort by creation time. */
export const idPrefixes = {
  user: 'usr',
  order: 'ord',
  room: 'room',
  meeting: 'mtg',
  event: 'evt',
  session: 'ses',
  apiKey: 'key',
  securityEvent: 'sev',
  deadLetter: 'dlq',
} as const;

export type IdKind = keyof typeof idPrefixes;

export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${uuidv7().replaceAll('-', '')}`;
}

export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${idPrefixes[kind]}_[0-9a-f]{32}$`).test(value);
}
