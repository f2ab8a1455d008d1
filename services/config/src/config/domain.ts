import { ApiError, type FieldError } from '@trellis/kit';
import { type GrayRule, type InstanceIdentity, matchesGray } from './gray.ts';
import { maskValues, type Values } from './secrets.ts';

export type ReleaseKind = 'full' | 'gray' | 'rollback';

/** A release with its values decrypted; lives only in memory, never in a response as is. */
export interface OpenRelease {
  revision: number;
  kind: ReleaseKind;
  grayRule: GrayRule | null;
  values: Values;
  /** Keys stored encrypted: masked whenever these values are shown to anyone but the owner. */
  secretKeys: string[];
}

/** What one instance runs: the release that applies to it, or the schema defaults. */
export interface Effective {
  revision: number;
  releaseKind: ReleaseKind | 'defaults';
  values: Values;
  secretKeys: string[];
}

/** The effective config as sent: secrets in clear only for the service they belong to. */
export function presentEffective(effective: Effective, revealSecrets: boolean) {
  return {
    revision: effective.revision,
    releaseKind: effective.releaseKind,
    values: revealSecrets ? effective.values : maskValues(effective.values, effective.secretKeys),
  };
}

/**
 * Follows the releases of one namespace × service in revision order and knows, after each,
 * which one an instance runs: the newest gray release after the last full or rollback release
 * whose rule matches the instance, else that last full or rollback release. Ending a gray
 * release (promote, abandon, rollback) always makes a new full or rollback release, so a gray
 * release after the last of those is live.
 */
export class EffectiveTracker {
  private base: OpenRelease | undefined;
  private gray: OpenRelease | undefined;
  /** The highest revision seen. */
  position = 0;

  constructor(
    private readonly instance: InstanceIdentity,
    private readonly defaults: Values,
  ) {}

  /** Takes the next release; true when it changed what this instance runs. */
  apply(release: OpenRelease): boolean {
    if (release.revision <= this.position) {
      return false;
    }
    this.position = release.revision;
    if (release.kind !== 'gray') {
      this.base = release;
      this.gray = undefined;
      return true;
    }
    if (release.grayRule && matchesGray(release.grayRule, this.instance)) {
      this.gray = release;
      return true;
    }
    return false;
  }

  current(): Effective {
    const release = this.gray ?? this.base;
    if (!release) {
      return { revision: 0, releaseKind: 'defaults', values: this.defaults, secretKeys: [] };
    }
    return {
      revision: release.revision,
      releaseKind: release.kind,
      values: release.values,
      secretKeys: release.secretKeys,
    };
  }
}

/** The live state a publish is checked against, read under the namespace × service lock. */
export interface LiveState {
  latestRevision: number;
  /** The newest full or rollback release. */
  base: { revision: number; values: Values } | undefined;
  /** A gray release after `base`, still live. */
  gray: { revision: number; values: Values; grayRule: GrayRule | null } | undefined;
}

export class NamespaceNotFound extends ApiError {
  constructor(namespace: string) {
    super('not_found', {
      detail: `No config namespace ${namespace}.`,
      errors: [{ in: 'path', path: 'namespace', message: 'does not exist' }],
    });
  }
}

export class SchemaMissing extends ApiError {
  constructor(service: string) {
    super('conflict', {
      detail: `No config schema has been uploaded for ${service}; the service uploads it when it starts.`,
    });
  }
}

export class SchemaNotFound extends ApiError {
  constructor(service: string) {
    super('not_found', { detail: `No config schema has been uploaded for ${service}.` });
  }
}

export class ReleaseNotFound extends ApiError {
  constructor(service: string, revision: number, field: FieldError) {
    super('not_found', { detail: `${service} has no release ${revision}.`, errors: [field] });
  }
}

export class ChangeRequestNotFound extends ApiError {
  constructor(id: number) {
    super('not_found', { detail: `No change request ${id} for this namespace and service.` });
  }
}

export class InvalidConfigValues extends ApiError {
  constructor(errors: FieldError[]) {
    const keys = [...new Set(errors.map((e) => e.path || '(values)'))].join(', ');
    super('unprocessable', {
      detail: `The config values do not match the service's schema: ${keys}.`,
      errors,
    });
  }
}

export class GrayReleaseLive extends ApiError {
  constructor(revision: number) {
    super('conflict', {
      detail: `Gray release ${revision} is live; promote or abandon it first.`,
      extensions: { grayRevision: revision },
    });
  }
}

export class NoGrayRelease extends ApiError {
  constructor() {
    super('conflict', { detail: 'There is no live gray release to promote or abandon.' });
  }
}

export class NothingToPublish extends ApiError {
  constructor(detail: string) {
    super('conflict', { detail });
  }
}

export class ChangeRequestDecided extends ApiError {
  constructor(id: number, status: string) {
    super('conflict', {
      detail: `Change request ${id} is already ${status}.`,
      extensions: { currentStatus: status },
    });
  }
}

/** Refuses a publish (or a request for one) that the live state does not allow. */
export function assertPublishable(
  state: LiveState,
  kind: ReleaseKind,
  values: Values,
  sameValues: (a: Values, b: Values) => boolean,
): void {
  if (kind !== 'rollback' && state.gray) {
    throw new GrayReleaseLive(state.gray.revision);
  }
  if (kind === 'gray' && !state.base) {
    throw new NothingToPublish(
      'A gray release needs a full release for the other instances to stay on; publish one first.',
    );
  }
  if (kind !== 'rollback' && state.base && sameValues(state.base.values, values)) {
    throw new NothingToPublish('The draft equals the live release; there is nothing to publish.');
  }
}
