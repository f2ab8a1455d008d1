import type { Database } from '@trellis/db';
import { type Effective, EffectiveTracker } from './domain.ts';
import type { ReleaseFeeds } from './feeds.ts';
import type { InstanceIdentity } from './gray.ts';
import { openRelease } from './releases.ts';
import { findSchema, releasesFromBase, type Target } from './repository.ts';
import type { SecretCipher } from './secrets.ts';
import { schemaDefaults } from './validator.ts';

export interface WatchRequest extends Target {
  instance: InstanceIdentity;
  /** The last revision the instance saw (`Last-Event-ID`); absent for a fresh start. */
  afterRevision?: number;
}

export interface WatchSession {
  /**
   * What to send first: with `afterRevision`, one entry per release after it that changed what
   * the instance runs, in order; without, the current effective config.
   */
  initial: Effective[];
  close(): void;
}

export interface WatchContext {
  db: Database;
  cipher: SecretCipher;
  feeds: ReleaseFeeds;
}

/**
 * Follows one instance's effective config: replays what it missed, then calls `onChange` for
 * every later release that changes what it runs, until closed. `onEnd` fires when the center
 * shuts down.
 */
export async function openWatch(
  ctx: WatchContext,
  request: WatchRequest,
  onChange: (effective: Effective) => void,
  onEnd: () => void,
): Promise<WatchSession> {
  const schema = await findSchema(ctx.db, request.service);
  const tracker = new EffectiveTracker(
    request.instance,
    schema ? schemaDefaults(schema.jsonSchema) : {},
  );
  const after = request.afterRevision;
  const rows = await releasesFromBase(ctx.db, request, after);
  const initial: Effective[] = [];
  for (const row of rows) {
    const changed = tracker.apply(await openRelease(ctx.cipher, row));
    if (changed && after !== undefined && row.revision > after) {
      initial.push(tracker.current());
    }
  }
  if (after === undefined) {
    initial.push(tracker.current());
  }
  let open = true;
  const detach = ctx.feeds.attach(request, {
    get position() {
      return tracker.position;
    },
    deliver(releases) {
      for (const release of releases) {
        if (tracker.apply(release) && open) {
          onChange(tracker.current());
        }
      }
    },
    close() {
      if (open) {
        open = false;
        onEnd();
      }
    },
  });
  return {
    initial,
    close() {
      open = false;
      detach();
    },
  };
}

/** The effective config of one instance now. */
export async function readEffective(
  ctx: Omit<WatchContext, 'feeds'>,
  target: Target,
  instance: InstanceIdentity,
): Promise<Effective> {
  const schema = await findSchema(ctx.db, target.service);
  const tracker = new EffectiveTracker(instance, schema ? schemaDefaults(schema.jsonSchema) : {});
  for (const row of await releasesFromBase(ctx.db, target)) {
    tracker.apply(await openRelease(ctx.cipher, row));
  }
  return tracker.current();
}
