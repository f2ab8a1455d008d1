export interface CallScopeOptions {
  /** Ends the scope with a `TimeoutError` this long after it opens; `null` for no deadline. */
  timeoutMs: number | null;
  /** Signals that end the scope too: an owner's stop, a caller's own abort. */
  signals?: readonly (AbortSignal | undefined)[];
}

/** The life of one call: ended by its deadline, by any of its signals or by `abort()`. */
export interface CallScope {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
  /** Settles like `promise`, or rejects with the scope's reason as soon as the scope ends. */
  guard<T>(promise: Promise<T>): Promise<T>;
  /** Keeps `value` reachable for as long as the scope can still be aborted. */
  hold(value: object): void;
  /** Clears the deadline and detaches from the signals; the call is over. */
  release(): void;
}

/**
 * Opens a call scope. Node's fetch links a Request's signal to the signal it was built from
 * through a weak reference, so once the Request we built is collected (fetch works on a copy)
 * an abort never reaches the connection; a scope therefore holds what it must abort, from
 * the deadline timer and the signals' listeners, until it ends. Every wait on the answer is
 * also raced against the scope, so a fetch that ignores its signal cannot outlive it.
 */
export function openCallScope(options: CallScopeOptions): CallScope {
  const controller = new AbortController();
  const held: object[] = [];
  const signals = (options.signals ?? []).filter((signal) => signal !== undefined);
  const abort = (reason?: unknown) => {
    if (!controller.signal.aborted) {
      controller.abort(reason ?? new DOMException('The call was aborted.', 'AbortError'));
    }
  };
  const follow: Array<() => void> = signals.map((signal) => () => abort(signal.reason));
  const deadline =
    options.timeoutMs === null
      ? undefined
      : setTimeout(() => {
          abort(new DOMException('The call timed out.', 'TimeoutError'));
        }, options.timeoutMs);
  deadline?.unref?.();
  const ended = new Promise<never>((_, reject) => {
    controller.signal.addEventListener(
      'abort',
      () => {
        held.length = 0;
        reject(controller.signal.reason);
      },
      { once: true },
    );
  });
  ended.catch(() => {});
  signals.forEach((signal, index) => {
    const listener = follow[index] as () => void;
    if (signal.aborted) {
      listener();
    } else {
      signal.addEventListener('abort', listener, { once: true });
    }
  });
  return {
    signal: controller.signal,
    abort,
    guard: (promise) => Promise.race([promise, ended]),
    hold(value) {
      if (!controller.signal.aborted) {
        held.push(value);
      }
    },
    release() {
      clearTimeout(deadline);
      signals.forEach((signal, index) => {
        signal.removeEventListener('abort', follow[index] as () => void);
      });
      held.length = 0;
    },
  };
}

/**
 * Sends `request` within `scope` (to `url` when given, else to its own): the fetch gets the
 * scope's signal, the Request it is given is held while the scope lasts, and an answer that
 * arrives after the scope ended has its body cancelled, since it would hold a connection until
 * read. The copy sent takes `request`'s body: a caller that may send it again sends a clone.
 */
export function fetchWithin(
  scope: CallScope,
  fetcher: (request: Request) => Promise<Response>,
  request: Request,
  url?: string,
): Promise<Response> {
  // One copy, aimed and given the scope's signal at once: each Request costs an
  // AbortController of its own and a follow of the signal it was made from.
  const sent =
    url === undefined
      ? new Request(request, { signal: scope.signal })
      : new Request(url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: request.redirect,
          signal: scope.signal,
          ...(request.body === null ? {} : { duplex: 'half' }),
        } as RequestInit);
  scope.hold(sent);
  const pending = fetcher(sent);
  pending.then(
    (response) => {
      if (scope.signal.aborted) {
        response.body?.cancel().catch(() => {});
      }
    },
    () => {},
  );
  return scope.guard(pending);
}
