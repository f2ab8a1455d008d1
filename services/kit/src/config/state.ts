import type { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { ConfigDefinition } from './define.ts';
import type { ConfigSnapshot } from './snapshot.ts';

export type ConfigSource = 'center' | 'snapshot' | 'defaults';

export type ConfigListener<T> = (next: T, previous: T) => void;

/** A revision as the center sends it, by `/effective`, `/poll` and the watch stream. */
export interface EffectiveMessage {
  revision: number;
  releaseKind: string;
  values: Record<string, unknown>;
}

/** What an instance tells the center about a revision it received. */
export interface RevisionReport {
  revision: number;
  status: 'applied' | 'rejected';
  error?: string;
}

export function asEffective(value: unknown): EffectiveMessage {
  const message = value as Partial<EffectiveMessage> | null;
  if (
    typeof message?.revision !== 'number' ||
    typeof message.values !== 'object' ||
    message.values === null
  ) {
    throw new Error('the config center sent something that is not an effective config');
  }
  return {
    revision: message.revision,
    releaseKind: String(message.releaseKind),
    values: message.values,
  };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(config)'}: ${issue.message}`)
    .join('; ')
    .slice(0, 2000);
}

export interface ConfigStateHooks {
  /** Tells the center whether a revision it sent was applied or rejected. */
  report(report: RevisionReport): void;
  /** Keeps a revision the center sent, once applied, for starts while the center is down. */
  keep(message: EffectiveMessage): void;
}

/** The config an instance runs on, where it came from, and who listens for changes. */
export class ConfigState<Schema extends z.ZodObject> {
  values: z.output<Schema> | undefined;
  revision = 0;
  source: ConfigSource | undefined;
  private valuesJson = '';
  /** The newest revision received, applied or not: where a reconnect resumes. */
  private newestReceived: number | undefined;
  private readonly listeners = new Set<ConfigListener<z.output<Schema>>>();

  constructor(
    private readonly definition: ConfigDefinition<Schema>,
    private readonly logger: Logger,
    private readonly hooks: ConfigStateHooks,
  ) {}

  onChange(listener: ConfigListener<z.output<Schema>>): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Resume a watch after this revision: only after what the center sent, since a snapshot may
   * come from another database whose revisions run ahead of this one's.
   */
  get resumeAfter(): number | undefined {
    return this.source === 'center' ? this.newestReceived : undefined;
  }

  /** Ask a long poll for what comes after this revision; on a snapshot, for the newest. */
  get pollAfter(): number | undefined {
    if (this.source === 'snapshot') {
      return undefined;
    }
    return this.source === 'defaults' ? 0 : (this.newestReceived ?? 0);
  }

  /** Validates and applies what the center sent; keeps the old values when it is invalid. */
  accept(message: EffectiveMessage, initial: boolean): boolean {
    this.newestReceived = Math.max(this.newestReceived ?? 0, message.revision);
    const valuesJson = JSON.stringify(message.values);
    const unchanged = message.revision === this.revision && valuesJson === this.valuesJson;
    if (this.source === 'center' && unchanged) {
      return true;
    }
    const parsed = this.definition.schema.safeParse(message.values);
    if (!parsed.success) {
      const error = describeIssues(parsed.error);
      this.logger.warn({ revision: message.revision, error }, 'rejected a config revision');
      this.hooks.report({ revision: message.revision, status: 'rejected', error });
      return false;
    }
    const previous = this.values;
    this.use(parsed.data, valuesJson, message.revision, 'center');
    this.hooks.keep(message);
    this.hooks.report({ revision: message.revision, status: 'applied' });
    this.logger.info(
      { revision: message.revision, releaseKind: message.releaseKind },
      'applied a config revision',
    );
    if (
      !initial &&
      previous !== undefined &&
      JSON.stringify(previous) !== JSON.stringify(parsed.data)
    ) {
      this.notify(parsed.data, previous);
    }
    return true;
  }

  /** Runs on a snapshot of this namespace and service, if its values are still valid. */
  useSnapshot(snapshot: ConfigSnapshot): boolean {
    const parsed = this.definition.schema.safeParse(snapshot.values);
    if (!parsed.success) {
      this.logger.warn({ error: describeIssues(parsed.error) }, 'the config snapshot is invalid');
      return false;
    }
    this.use(parsed.data, JSON.stringify(snapshot.values), snapshot.revision, 'snapshot');
    this.newestReceived = Math.max(this.newestReceived ?? 0, snapshot.revision);
    this.logger.warn(
      { revision: snapshot.revision, savedAt: snapshot.savedAt },
      'running on the config snapshot',
    );
    return true;
  }

  /** Runs on the schema defaults, when every key has one. */
  useDefaults(service: string): void {
    if (this.definition.defaults === undefined) {
      throw new Error(
        `config for ${service}: the center is unreachable, there is no snapshot, and the schema has keys without defaults`,
      );
    }
    this.use(this.definition.defaults, '', 0, 'defaults');
    this.logger.warn('running on the config schema defaults');
  }

  private use(values: z.output<Schema>, json: string, revision: number, source: ConfigSource) {
    this.values = values;
    this.valuesJson = json;
    this.revision = revision;
    this.source = source;
  }

  private notify(next: z.output<Schema>, previous: z.output<Schema>) {
    for (const listener of this.listeners) {
      try {
        listener(next, previous);
      } catch (error) {
        this.logger.error({ err: error }, 'a config change listener failed');
      }
    }
  }
}
