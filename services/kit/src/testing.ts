import { Writable } from 'node:stream';
import { createLogger, type Logger } from './logger.ts';

/** A logger for tests that keeps every line it writes, parsed, for assertions. */
export function captureLogger(service = 'test'): {
  logger: Logger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        if (line.trim()) {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
      }
      done();
    },
  });
  const logger = createLogger({ service, instance: 'test', level: 'debug', destination });
  return { logger, lines };
}
