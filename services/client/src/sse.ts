import { readEventStream } from '@trellis/kit';

export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads a `text/event-stream` body, calling `onEvent` per event and `onActivity` per chunk
 * (comments included, so pings count as signs of life). Resolves when the stream ends.
 */
export async function readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ServerSentEvent) => void,
  onActivity: () => void = () => {},
): Promise<void> {
  for await (const { event, data, id } of readEventStream(body, { onActivity })) {
    onEvent({ event, data, ...(id ? { id } : {}) });
  }
}
