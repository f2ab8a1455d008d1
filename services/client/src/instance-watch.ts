import {
  type BackoffDelays,
  backoffDelay,
  type Logger,
  type PlatformAnswer,
  type PlatformCaller,
  pause,
  readEventStream,
} from '@trellis/kit';
import type { ServiceName } from './services.ts';

/** One instance as the registry lists it; the fields discovery uses. */
export interface DiscoveredInstance {
  instanceId: string;
  address: string;
  version: string;
  labels: Record<string, string>;
  weight: number;
  /** False for expired instances the registry lists only because too few are healthy. */
  healthy: boolean;
}

export function parseInstances(value: unknown): DiscoveredInstance[] | undefined {
  const items = (value as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) {
    return undefined;
  }
  return items.flatMap((item: Record<string, unknown>) => {
    if (typeof item?.address !== 'string' || typeof item.instanceId !== 'string') {
      return [];
    }
    return [
      {
        instanceId: item.instanceId,
        address: item.address,
        version: typeof item.version === 'string' ? item.version : '',
        labels: (item.labels as Record<string, string> | undefined) ?? {},
        weight: typeof item.weight === 'number' ? item.weight : 100,
        healthy: item.healthy !== false,
      },
    ];
  });
}

export interface InstanceWatchOptions {
  registry: PlatformCaller;
  /** Aborted when discovery closes. */
  closing: AbortSignal;
  /** First and largest delay before reconnecting a dropped watch. */
  reconnectDelayMs: BackoffDelays;
  /** A watch silent this long is reconnected. */
  idleTimeoutMs: number;
  logger: Logger | undefined;
  /** Called with each new list, before it replaces the old one. */
  onList(previous: readonly DiscoveredInstance[], next: DiscoveredInstance[]): void;
}

/**
 * The instances of one service: loaded once, then kept current by a watch that reconnects with
 * backoff and is dropped when it falls silent.
 */
export class InstanceWatch {
  instances: DiscoveredInstance[] = [];
  /** Resolves once the first list arrived, or the attempt to load one ended. */
  readonly loaded: Promise<void>;
  /** Running scores of the weighted round-robin over these instances. */
  readonly scores = new Map<string, number>();
  markLoaded: () => void = () => {};
  /** Set once the watch delivered a list, so a slower initial GET cannot overwrite it. */
  private watched = false;
  private reconnects = 0;

  constructor(
    private readonly service: ServiceName,
    private readonly options: InstanceWatchOptions,
  ) {
    this.loaded = new Promise<void>((resolve) => {
      this.markLoaded = resolve;
    });
  }

  start(): void {
    if (this.options.closing.aborted) {
      this.markLoaded();
      return;
    }
    void this.loadOnce();
    void this.follow();
  }

  private apply(instances: DiscoveredInstance[]) {
    this.options.onList(this.instances, instances);
    this.instances = instances;
    this.options.logger?.debug(
      { service: this.service, instances: instances.length },
      'discovered instances',
    );
  }

  private async loadOnce(): Promise<void> {
    const path = `/v1/registry/services/${this.service}/instances`;
    const headers = { accept: 'application/json' };
    try {
      const instances = await this.options.registry.call(
        'GET',
        path,
        { headers },
        async (answer) => {
          if (answer.status !== 200) {
            throw answer.unexpected();
          }
          return parseInstances(await answer.json());
        },
      );
      if (instances && !this.watched) {
        this.apply(instances);
      }
    } catch (error) {
      this.options.logger?.warn(
        { service: this.service, err: error },
        'could not load instances from the registry',
      );
    } finally {
      this.markLoaded();
    }
  }

  private async follow(): Promise<void> {
    const { closing, reconnectDelayMs } = this.options;
    while (!closing.aborted) {
      try {
        await this.watchOnce();
      } catch (error) {
        if (!closing.aborted) {
          this.options.logger?.debug(
            { service: this.service, err: error },
            'registry watch dropped; reconnecting',
          );
        }
      }
      if (closing.aborted) {
        return;
      }
      await pause(backoffDelay(reconnectDelayMs, this.reconnects++), closing);
    }
  }

  private async watchOnce(): Promise<void> {
    const idle = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stillAlive = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(), this.options.idleTimeoutMs);
      timer.unref?.();
    };
    const path = `/v1/registry/services/${this.service}/watch`;
    const call = { headers: { accept: 'text/event-stream' }, timeoutMs: null, signal: idle.signal };
    // Timed from before the call, so a registry that takes the connection and never answers
    // is given up on too.
    stillAlive();
    try {
      await this.options.registry.call('GET', path, call, (answer) => {
        if (answer.status !== 200 || !answer.response.body) {
          throw answer.unexpected();
        }
        stillAlive();
        return this.readLists(answer, stillAlive);
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private async readLists(answer: PlatformAnswer, stillAlive: () => void): Promise<void> {
    const body = answer.response.body as ReadableStream<Uint8Array>;
    const events = readEventStream(body, { onActivity: stillAlive, signal: answer.signal });
    for await (const event of events) {
      const instances =
        event.event === 'instances' ? parseInstances(JSON.parse(event.data)) : undefined;
      if (instances) {
        this.watched = true;
        this.apply(instances);
        this.markLoaded();
        this.reconnects = 0;
      }
    }
  }
}
