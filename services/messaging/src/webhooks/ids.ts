/**
 * Prefixed, time-sortable ids like the platform's others (`usr_…`): 48 bits of milliseconds then
 * random bits, 32 hex digits in all, so ids sort by creation time.
 */
export function newPushId(prefix: 'whep' | 'whdl' | 'maud' | 'evt'): string {
  const time = Date.now().toString(16).padStart(12, '0');
  const random = Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  return `${prefix}_${time}${random}`;
}
