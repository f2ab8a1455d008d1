import type { z } from 'zod';
import type { ConfigListener, ConfigSource } from '../config/client.ts';
import type { ConfigDefinition } from '../config/define.ts';
import type { Logger } from '../logger.ts';

/**
 * What handlers read config through: `get()` at request time, so a change applies to the next
 * request without a restart. The kit's config client is one; `createStaticConfig` is another.
 */
export interface LiveConfig<T> {
  get(): T;
  onChange(listener: ConfigListener<T>): () => void;
  /** The release running; 0 for schema defaults. */
  readonly revision: number;
  readonly source: ConfigSource | undefined;
}

export interface StaticConfig<T, Input> extends LiveConfig<T> {
  /** Replaces the values (parsed by the schema, defaults filled in) and tells the listeners. */
  set(values: Input): void;
}

/**
 * Config held in memory: the schema defaults (or `values`) of a service run without a config
 * center, and a source tests control where the center is not the point.
 */
export function createStaticConfig<Schema extends z.ZodObject>(
  definition: ConfigDefinition<Schema>,
  values?: z.input<Schema>,
): StaticConfig<z.output<Schema>, z.input<Schema>> {
  type Values = z.output<Schema>;
  const listeners = new Set<ConfigListener<Values>>();
  let current: Values = definition.schema.parse(values ?? {});
  let revision = 0;
  return {
    get: () => current,
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get revision() {
      return revision;
    },
    get source() {
      return 'defaults' as const;
    },
    set(next) {
      const previous = current;
      current = definition.schema.parse(next);
      revision++;
      for (const listener of listeners) {
        listener(current, previous);
      }
    },
  };
}

/**
 * Keeps the logger's level on the config's `logLevel`, or on `fallback` (the LOG_LEVEL the
 * service started with) while the config leaves it unset. Child loggers follow their root.
 */
export function followLogLevel<T extends { logLevel?: string | undefined }>(
  config: LiveConfig<T>,
  logger: Logger,
  fallback: string,
): () => void {
  const apply = (level: string | undefined) => {
    const next = level ?? fallback;
    if (logger.level === next) {
      return;
    }
    const previous = logger.level;
    const values = logger.levels.values;
    // Said at the more verbose of the two levels, so a change to a quieter one is logged too.
    const louder = (values[next] ?? 0) < (values[previous] ?? 0);
    if (!louder) {
      logger.info({ from: previous, to: next }, 'log level changed');
    }
    logger.level = next;
    if (louder) {
      logger.info({ from: previous, to: next }, 'log level changed');
    }
  };
  apply(config.get().logLevel);
  return config.onChange((next) => apply(next.logLevel));
}
