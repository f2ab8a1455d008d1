import type { z } from 'zod';
import { describeFailure } from '../platform-call/failure.ts';
import type { CenterAccess } from './center.ts';
import type { ConfigDefinition } from './define.ts';
import {
  createSnapshotCipher,
  readSnapshot,
  type SnapshotCipher,
  writeSnapshot,
} from './snapshot.ts';
import { asEffective, type ConfigState, type EffectiveMessage } from './state.ts';

export interface ConfigLoaderOptions<Schema extends z.ZodObject> {
  namespace: string;
  service: string;
  definition: ConfigDefinition<Schema>;
  /** Where the last applied config is kept for starts while the center is down. */
  snapshotPath?: string | undefined;
  /** The service's private key `d`: secrets in the snapshot are sealed under a key from it. */
  snapshotKey?: string | undefined;
}

/**
 * Loads the config at start (from the center, else the snapshot, else the schema defaults),
 * uploads the schema until the center has taken it, and keeps the snapshot current.
 */
export class ConfigLoader<Schema extends z.ZodObject> {
  schemaUploaded = false;
  private uploadFailures = 0;
  private snapshotWrites = Promise.resolve();
  private snapshotCipher: Promise<SnapshotCipher> | undefined;

  constructor(
    private readonly center: CenterAccess,
    private readonly state: ConfigState<Schema>,
    private readonly options: ConfigLoaderOptions<Schema>,
  ) {}

  async load(): Promise<void> {
    const reachable = await this.uploadSchema();
    const loaded = (reachable && (await this.loadFromCenter())) || (await this.loadFromSnapshot());
    if (!loaded) {
      this.state.useDefaults(this.options.service);
    }
  }

  /** Answers whether the center took the schema or refused it for good. */
  async uploadSchema(): Promise<boolean> {
    const { definition, service } = this.options;
    const body = { jsonSchema: definition.jsonSchema, secretKeys: definition.secretKeys };
    const path = `/v1/config/schemas/${encodeURIComponent(service)}`;
    try {
      await this.center.calls.call('PUT', path, { body }, async (answer) => {
        const text = await answer.text();
        if (answer.status >= 500) {
          throw answer.unexpected();
        }
        if (answer.status !== 200) {
          // Retrying will not change the answer; say why once and carry on with the old schema.
          this.center.logger.error(
            { status: answer.status, problem: text.slice(0, 500) },
            'config schema refused',
          );
        }
      });
      this.schemaUploaded = true;
      return true;
    } catch (error) {
      this.uploadFailures++;
      // One line when the center is away, not one per retry.
      this.center.logger[this.uploadFailures === 1 ? 'warn' : 'debug'](
        { reason: describeFailure(error) },
        'cannot upload the config schema yet',
      );
      return false;
    }
  }

  /** Keeps an applied revision on disk, writes in order. */
  keep(message: EffectiveMessage): void {
    const { snapshotPath: path, namespace, service } = this.options;
    if (!path) {
      return;
    }
    const snapshot = { namespace, service, revision: message.revision, values: message.values };
    const secretKeys = this.options.definition.secretKeys;
    this.snapshotWrites = this.snapshotWrites.then(async () => {
      try {
        const cipher = await this.cipher();
        await writeSnapshot(
          path,
          { ...snapshot, savedAt: new Date().toISOString() },
          { secretKeys, cipher },
        );
      } catch (error) {
        this.center.logger.warn({ err: error, path }, 'cannot write the config snapshot');
      }
    });
  }

  /** The snapshot's cipher, made on first use; undefined without a snapshot key. */
  private cipher(): Promise<SnapshotCipher | undefined> {
    const { snapshotKey, service } = this.options;
    if (!snapshotKey) {
      return Promise.resolve(undefined);
    }
    this.snapshotCipher ??= createSnapshotCipher(snapshotKey, service);
    return this.snapshotCipher;
  }

  /** Resolves once every snapshot write begun has ended. */
  written(): Promise<void> {
    return this.snapshotWrites;
  }

  private async loadFromCenter(): Promise<boolean> {
    const { calls, target, instanceQuery, logger } = this.center;
    try {
      return await calls.call(
        'GET',
        `${target}/effective?${instanceQuery()}`,
        {},
        async (answer) => {
          if (answer.status !== 200) {
            throw answer.unexpected();
          }
          return this.state.accept(asEffective(await answer.json()), true);
        },
      );
    } catch (error) {
      logger.warn({ reason: describeFailure(error) }, 'cannot load config from the center');
      return false;
    }
  }

  private async loadFromSnapshot(): Promise<boolean> {
    const { snapshotPath, namespace, service } = this.options;
    if (!snapshotPath) {
      return false;
    }
    try {
      const snapshot = await readSnapshot(snapshotPath, await this.cipher());
      if (!snapshot || snapshot.namespace !== namespace || snapshot.service !== service) {
        return false;
      }
      return this.state.useSnapshot(snapshot);
    } catch (error) {
      this.center.logger.warn({ err: error }, 'cannot read the config snapshot');
      return false;
    }
  }
}
