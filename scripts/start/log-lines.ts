import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { paint } from './terminal.ts';

type Fields = Record<string, unknown>;

const levelStyles = {
  trace: 'gray',
  debug: 'gray',
  info: 'green',
  warn: 'yellow',
  error: 'red',
  fatal: 'red',
} as const;

/** Fields every line carries or that the compact form already shows. */
const hidden = new Set(['level', 'time', 'service', 'instance', 'msg', 'requestId', 'spanId']);

function clock(time: unknown): string {
  const date = typeof time === 'string' || typeof time === 'number' ? new Date(time) : new Date();
  return Number.isNaN(date.getTime()) ? '' : date.toTimeString().slice(0, 8);
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'stack' in err && typeof err.stack === 'string') {
    return `\n${err.stack}`;
  }
  return err === undefined ? '' : ` err=${valueText(err)}`;
}

/**
 * A pino JSON line made short for a terminal: `14:02:03 INFO GET /v1/users 200 3.1ms`.
 * Anything that is not a JSON object is passed through unchanged.
 */
export function formatLogLine(line: string): string {
  let fields: Fields;
  try {
    const parsed: unknown = JSON.parse(line);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return line;
    }
    fields = parsed as Fields;
  } catch {
    return line;
  }
  const level = String(fields.level ?? 'info');
  const style = levelStyles[level as keyof typeof levelStyles] ?? 'white';
  const head = `${paint('gray', clock(fields.time))} ${paint(style, level.toUpperCase().padEnd(5))}`;
  const { err, ...rest } = fields;

  if (rest.msg === 'request' && rest.method && rest.path) {
    const trace = typeof rest.traceId === 'string' ? paint('gray', ` trace=${rest.traceId}`) : '';
    return `${head} ${rest.method} ${rest.path} ${rest.status} ${rest.durationMs}ms${trace}`;
  }
  const extras = Object.entries(rest)
    .filter(([key]) => !hidden.has(key))
    .map(([key, value]) => paint('gray', `${key}=${valueText(value)}`));
  return [head, String(rest.msg ?? ''), ...extras].join(' ') + errorText(err);
}

/** Calls `onLine` for every line of a child's output stream. */
export function eachLine(stream: Readable, onLine: (line: string) => void): void {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', onLine);
}

/** The last lines of a process's output, shown when it fails to start. */
export function createTail(size = 30) {
  const lines: string[] = [];
  return {
    push(line: string) {
      lines.push(line);
      if (lines.length > size) {
        lines.shift();
      }
    },
    text(): string {
      return lines.join('\n');
    },
  };
}
