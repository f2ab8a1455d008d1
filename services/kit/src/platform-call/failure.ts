/** A platform service answered with a status its caller cannot go on with. */
export class UnexpectedStatus extends Error {
  constructor(
    /** Who answered, as a log reads it: `the config center`, `the registry`. */
    readonly peer: string,
    readonly status: number,
  ) {
    super(`${peer} answered ${status}`);
    this.name = 'UnexpectedStatus';
  }
}

/** The system error code under a failed fetch, such as `ECONNREFUSED`, if there is one. */
export function failureCode(error: unknown): string | undefined {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Why a call failed, in a few words for a log line or a problem's detail. */
export function describeFailure(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return 'timed out';
  }
  return failureCode(error) ?? (error instanceof Error ? error.message : 'failed');
}
