const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const compactDateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});
const compactDateTimeSeconds = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
});
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const longDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDay = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** Every time the console shows is UTC, as the services speak it, and says so. */
export function formatDateTime(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

/** `26 Nov, 13:57`: for tables, where the column header says UTC. */
export function formatCompactDateTime(iso: string): string {
  return compactDateTime.format(new Date(iso));
}

/** `26 Nov, 13:57:04`: for event tables, where seconds tell what came first. */
export function formatEventTime(iso: string): string {
  return compactDateTimeSeconds.format(new Date(iso));
}

export function formatDate(iso: string): string {
  return date.format(new Date(iso));
}

export function formatLongDate(day: string): string {
  return longDate.format(new Date(`${day}T00:00:00Z`));
}

export function formatShortDay(day: string): string {
  return shortDay.format(new Date(`${day}T00:00:00Z`));
}

/** `HH:MM` of an instant, in UTC. */
export function formatTime(iso: string): string {
  return new Date(iso).toISOString().slice(11, 16);
}

export function formatMoney(amountCents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amountCents / 100);
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) {
    return `${Math.round(seconds)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours} h ${minutes % 60} min`;
  }
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export function utcDay(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

export function isUtcDay(value: string | undefined): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
  );
}

/** `ord_…3e4f5a6b`: enough of an id to tell rows apart (the front of a UUIDv7 is a clock). */
export function shortId(id: string): string {
  const [prefix, rest = ''] = id.split('_');
  return rest.length > 12 ? `${prefix}_…${rest.slice(-8)}` : id;
}

/** A per-second rate: `12`, `3.4`, `0.1`; whole numbers without decimals. */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) {
    return '0';
  }
  return Number.isInteger(perSecond) ? String(perSecond) : perSecond.toFixed(1);
}

/** Milliseconds to one decimal below 10 ms, whole above; `–` for nothing measured. */
export function formatMs(ms: number | null): string {
  if (ms === null) {
    return '–';
  }
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

export { counted } from '@trellis/kit/wording';
