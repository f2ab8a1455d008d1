import 'server-only';
import { createLogger, type Logger } from '@trellis/kit';
import { adminConfig } from './config';

let logger: Logger | undefined;

/** JSON lines like every service's, so `npm start` shows the admin's sign-ins and changes too. */
export function adminLogger(): Logger {
  logger ??= createLogger({
    service: 'admin',
    instance: `admin-${process.pid}`,
    level: adminConfig().logLevel,
  });
  return logger;
}
