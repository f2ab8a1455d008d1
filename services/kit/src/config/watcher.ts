import type { z } from 'zod';
import { type BackoffDelays, backoffDelay, pause } from '../platform-call/backoff.ts';
import type { PlatformAnswer } from '../platform-call/caller.ts';
import { describeFailure } from '../platform-call/failure.ts';
import type { CenterAccess } from './center.ts';
import { readEventStream } from './event-stream.ts';
import { asEffective, type ConfigState } from './state.ts';

export interface ConfigWatcherOptions {
  /** First and largest delay between reconnects, with jitter. */
  retryDelayMs: BackoffDelays;
  /** Consecutive failed stream connections before falling back to long polls. */
  streamFailuresBeforePolling: number;
  /** How long a long poll waits at the center. */
  pollTimeoutMs: number;
  /** After this long on long polls, the stream is tried again. */
  pollingPeriodMs: number;
  /** A stream silent this long (no event, no ping) is presumed dead. */
  silenceTimeoutMs: number;
}

/** What the watcher needs besides the center: the state to feed and the work to retry. */
export interface ConfigWatcherParts<Schema extends z.ZodObject> {
  state: ConfigState<Schema>;
  /** Uploads the schema again until the center has it. */
  uploadSchema(): Promise<boolean>;
  schemaUploaded(): boolean;
  /** Sends a report held back while the center was away. */
  flushReport(): void;
}

/**
 * Follows the center's changes: an SSE stream resumed with `Last-Event-ID`, so a reconnect
 * misses nothing, and long polls while the stream keeps failing, trying the stream again now
 * and then.
 */
export class ConfigWatcher<Schema extends z.ZodObject> {
  transport: 'stream' | 'poll' = 'stream';
  private failures = 0;
  private pollingSince = 0;

  constructor(
    private readonly center: CenterAccess,
    private readonly parts: ConfigWatcherParts<Schema>,
    private readonly options: ConfigWatcherOptions,
  ) {}

  async run(): Promise<void> {
    const { stopping } = this.center;
    while (!stopping.aborted) {
      if (!this.parts.schemaUploaded()) {
        await this.parts.uploadSchema();
      }
      if (this.transport === 'stream') {
        await this.followStream();
      } else {
        await this.followPolls();
      }
    }
  }

  private async followStream() {
    const outcome = await this.streamOnce();
    if (this.center.stopping.aborted) {
      return;
    }
    this.failures = outcome === 'ended' ? 0 : this.failures + 1;
    if (this.failures >= this.options.streamFailuresBeforePolling) {
      this.center.logger.warn(
        { failures: this.failures },
        'the config watch keeps failing; falling back to long polls',
      );
      this.transport = 'poll';
      this.pollingSince = Date.now();
    }
    await this.backOff();
  }

  private async followPolls() {
    const ok = await this.pollOnce();
    this.failures = ok ? 0 : this.failures + 1;
    if (!ok) {
      await this.backOff();
    }
    if (Date.now() - this.pollingSince >= this.options.pollingPeriodMs) {
      // Try the stream again; one more failure sends us straight back to polling.
      this.transport = 'stream';
      this.failures = this.options.streamFailuresBeforePolling - 1;
    }
  }

  private backOff() {
    return pause(backoffDelay(this.options.retryDelayMs, this.failures), this.center.stopping);
  }

  /** One stream connection: `ended` once it was open, `failed` when it never opened. */
  private async streamOnce(): Promise<'ended' | 'failed'> {
    const { calls, target, instanceQuery, logger, stopping } = this.center;
    const resumeAfter = this.parts.state.resumeAfter;
    const headers = {
      accept: 'text/event-stream',
      ...(resumeAfter === undefined ? {} : { 'last-event-id': String(resumeAfter) }),
    };
    const silence = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const awake = () => {
      clearTimeout(timer);
      timer = setTimeout(() => silence.abort(), this.options.silenceTimeoutMs);
    };
    let connected = false;
    try {
      awake();
      const path = `${target}/watch?${instanceQuery()}`;
      await calls.call(
        'GET',
        path,
        { headers, timeoutMs: null, signal: silence.signal },
        (answer) => {
          connected = isEventStream(answer);
          return connected ? this.readStream(answer, awake) : Promise.reject(answer.unexpected());
        },
      );
      return 'ended';
    } catch (error) {
      if (!stopping.aborted && !connected) {
        logger.debug({ reason: describeFailure(error) }, 'config watch failed');
      }
      return connected ? 'ended' : 'failed';
    } finally {
      clearTimeout(timer);
    }
  }

  private async readStream(answer: PlatformAnswer, awake: () => void): Promise<void> {
    this.parts.flushReport();
    const body = answer.response.body as ReadableStream<Uint8Array>;
    for await (const message of readEventStream(body, {
      onActivity: awake,
      signal: answer.signal,
    })) {
      if (message.event === 'config') {
        this.parts.state.accept(asEffective(JSON.parse(message.data)), false);
      }
    }
  }

  private async pollOnce(): Promise<boolean> {
    const { calls, target, instanceQuery, logger, stopping, requestTimeoutMs } = this.center;
    const { pollTimeoutMs } = this.options;
    const after = this.parts.state.pollAfter;
    const query = instanceQuery({
      ...(after === undefined ? {} : { afterRevision: String(after) }),
      timeoutMs: String(pollTimeoutMs),
    });
    try {
      const timeoutMs = pollTimeoutMs + requestTimeoutMs;
      await calls.call('GET', `${target}/poll?${query}`, { timeoutMs }, async (answer) => {
        if (answer.status === 304) {
          return;
        }
        if (answer.status !== 200) {
          throw answer.unexpected();
        }
        this.parts.flushReport();
        this.parts.state.accept(asEffective(await answer.json()), false);
      });
      return true;
    } catch (error) {
      if (!stopping.aborted) {
        logger.debug({ reason: describeFailure(error) }, 'config poll failed');
      }
      return false;
    }
  }
}

function isEventStream(answer: PlatformAnswer): boolean {
  return (
    answer.status === 200 &&
    answer.response.body !== null &&
    (answer.response.headers.get('content-type')?.includes('text/event-stream') ?? false)
  );
}
