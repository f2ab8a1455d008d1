/** One server-sent event. */
export interface ServerSentEvent {
  /** The last event id the stream set, as the spec keeps it across events. */
  id: string | undefined;
  event: string;
  data: string;
}

export interface ReadEventStreamOptions {
  /** Fires on every chunk, comments included, so a caller can tell a quiet stream from a dead one. */
  onActivity?: () => void;
  /** Cancels the body and ends the iteration. */
  signal?: AbortSignal;
}

/** Parses a `text/event-stream` body (WHATWG HTML, server-sent events) with Web streams only. */
export async function* readEventStream(
  body: ReadableStream<Uint8Array>,
  options: ReadEventStreamOptions = {},
): AsyncGenerator<ServerSentEvent> {
  const { onActivity, signal } = options;
  const reader = body.getReader();
  // Cancelling the reader ends a pending read at once; an aborted fetch signal alone may not.
  const cancel = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', cancel);
  if (signal?.aborted) {
    cancel();
  }
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  let finished = false;
  try {
    while (!finished) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
      } else {
        onActivity?.();
        buffer += decoder.decode(value, { stream: true });
      }
      for (;;) {
        const end = buffer.search(/[\r\n]/);
        // A lone \r at the end may be the first half of \r\n; wait for the next chunk.
        if (end === -1 || (buffer[end] === '\r' && end === buffer.length - 1 && !finished)) {
          break;
        }
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) {
            yield { id, event: event || 'message', data: data.join('\n') };
          }
          data = [];
          event = '';
          continue;
        }
        if (line.startsWith(':')) {
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let fieldValue = colon === -1 ? '' : line.slice(colon + 1);
        if (fieldValue.startsWith(' ')) {
          fieldValue = fieldValue.slice(1);
        }
        if (field === 'data') {
          data.push(fieldValue);
        } else if (field === 'event') {
          event = fieldValue;
        } else if (field === 'id' && !fieldValue.includes('\0')) {
          id = fieldValue;
        }
      }
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    await reader.cancel().catch(() => {});
  }
}
