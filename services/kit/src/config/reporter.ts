import { type BackoffDelays, backoffDelay } from '../platform-call/backoff.ts';
import { describeFailure } from '../platform-call/failure.ts';
import type { CenterAccess } from './center.ts';
import type { RevisionReport } from './state.ts';

export interface ConfigReporterOptions {
  instanceId: string;
  /** How long a report waits after a change, drawn in [min, max]. */
  delayMs: { min: number; max: number };
  /** Backoff between failed reports. */
  retryDelayMs: BackoffDelays;
}

/**
 * Reports to the center the last revision applied or rejected. Sent from a timer, not from the
 * stream handler: a burst of replayed revisions makes one report, and instances sharing a
 * process all take a release before any of them reports.
 */
export class ConfigReporter {
  /** The report not yet sent. */
  pending: RevisionReport | undefined;
  private sending = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly center: CenterAccess,
    private readonly options: ConfigReporterOptions,
  ) {}

  send(report: RevisionReport): void {
    this.pending = report;
    const { min, max } = this.options.delayMs;
    this.flushIn(min + Math.random() * (max - min));
  }

  /** Sends the pending report now, unless one is on its way. */
  async flush(): Promise<void> {
    if (this.sending || !this.pending || this.center.stopping.aborted) {
      return;
    }
    this.sending = true;
    clearTimeout(this.timer);
    const report = this.pending;
    try {
      await this.post(report);
      this.failures = 0;
      if (this.pending === report) {
        this.pending = undefined;
      }
    } catch (error) {
      this.retry(error);
    } finally {
      this.sending = false;
    }
    if (this.pending && this.pending !== report && this.failures === 0) {
      void this.flush();
    }
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private async post(report: RevisionReport): Promise<void> {
    const { calls, target, logger } = this.center;
    const body = { instanceId: this.options.instanceId, ...report };
    await calls.call('POST', `${target}/applied`, { body }, (answer) => {
      if (answer.status >= 500) {
        throw answer.unexpected();
      }
      if (answer.status !== 204) {
        logger.error({ status: answer.status }, 'the config center refused a report');
      }
    });
  }

  private retry(error: unknown) {
    if (this.center.stopping.aborted) {
      return;
    }
    this.failures++;
    if (this.failures === 1) {
      this.center.logger.warn(
        { reason: describeFailure(error) },
        'cannot report to the config center; retrying',
      );
    }
    this.flushIn(backoffDelay(this.options.retryDelayMs, this.failures));
  }

  private flushIn(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
    this.timer.unref?.();
  }
}
