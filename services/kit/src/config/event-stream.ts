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

/** Builds events from the lines of a stream, one field at a time. */
class EventAssembler {
  private data: string[] = [];
  private event = '';
  // Kept across events, as the spec keeps the last event id.
  private id: string | undefined;

  /** Takes one line; answers the event a blank line completes. */
  line(line: string): ServerSentEvent | undefined {
    if (line === '') {
      const complete =
        this.data.length > 0
          ? { id: this.id, event: this.event || 'message', data: this.data.join('\n') }
          : undefined;
      this.data = [];
      this.event = '';
      return complete;
    }
    if (line.startsWith(':')) {
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'data') {
      this.data.push(value);
    } else if (field === 'event') {
      this.event = value;
    } else if (field === 'id' && !value.includes('\0')) {
      this.id = value;
    }
    return undefined;
  }
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
  const events = new EventAssembler();
  let buffer = '';
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
        const event = events.line(line);
        if (event) {
          yield event;
        }
      }
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    await reader.cancel().catch(() => {});
  }
}
