import { describe, expect, it } from 'vitest';
import { readEventStream, type ServerSentEvent } from '../src/index.ts';
import { streamOf } from '../src/testing.ts';

async function read(chunks: string[]) {
  const events: ServerSentEvent[] = [];
  let activity = 0;
  for await (const event of readEventStream(streamOf(chunks), { onActivity: () => activity++ })) {
    events.push(event);
  }
  return { events, activity };
}

describe('readEventStream', () => {
  it('reads events with ids, names and multi-line data, skipping comments', async () => {
    const { events, activity } = await read([
      ': hello\n\n',
      'id: 4\nevent: config\ndata: {"a":\ndata: 1}\n\n',
      ': ping\n\n',
      'data: plain\n\n',
    ]);
    expect(events).toEqual([
      { id: '4', event: 'config', data: '{"a":\n1}' },
      { id: '4', event: 'message', data: 'plain' },
    ]);
    expect(activity).toBe(4);
  });

  it('joins events split anywhere across chunks, with any line ending', async () => {
    const text = 'id: 1\r\nevent: config\r\ndata: one\r\n\r\nid: 2\revent: config\rdata: two\r\r';
    const chunks = text.split('');
    const { events } = await read(chunks);
    expect(events.map((e) => [e.id, e.data])).toEqual([
      ['1', 'one'],
      ['2', 'two'],
    ]);
  });

  it('drops an event cut off before its blank line', async () => {
    const { events } = await read(['id: 1\ndata: complete\n\n', 'id: 2\ndata: cut']);
    expect(events.map((e) => e.data)).toEqual(['complete']);
  });
});
