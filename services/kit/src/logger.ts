import { type DestinationStream, type Logger, pino } from 'pino';
import { scrubFields, scrubMessage, serializeError } from './log-scrub.ts';

export type { Logger } from 'pino';

/** Field names whose values never reach a log line, at any of the first three levels. */
const secretFields = ['authorization', 'password', 'cookie', 'set-cookie', 'accessToken'];
export const redactPaths = secretFields.flatMap((field) => {
  const key = field.includes('-') ? `["${field}"]` : field;
  return [key, `*.${key}`, `*.*.${key}`].map((p) => p.replace('.[', '['));
});

export interface LoggerOptions {
  service: string;
  instance: string;
  level?: string;
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, instance: options.instance },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: scrubFields,
      },
      serializers: { err: serializeError, msg: scrubMessage },
      redact: { paths: redactPaths, censor: '[redacted]' },
    },
    options.destination,
  );
}
