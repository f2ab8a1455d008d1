import { streamOf } from '@trellis/kit/testing';
import { describe, expect, it } from 'vitest';
import { readServerSentEvents, type ServerSentEvent } from '../src/sse.ts';

describe('readServerSentEvents', () => {
  it('parses events split across chunks, multi-line data, ids, comments and CRLF', async () => {
    const events: ServerSentEvent[] = [];
    let activity = 0;
    await readServerSentEvents(
      streamOf([
        'event: instances\nid: 1\nda',
        'ta: {"a":1}\n\n: ping\n\n',
        'data: line one\r\ndata: line two\r',
        '\n\r\nevent:bare\ndata:x\n\n',
        'data: unterminated',
      ]),
      (event) => events.push(event),
      () => {
        activity++;
      },
    );
    expect(events).toEqual([
      { event: 'instances', data: '{"a":1}', id: '1' },
      { event: 'message', data: 'line one\nline two', id: '1' },
      { event: 'bare', data: 'x', id: '1' },
    ]);
    expect(activity).toBe(5);
  });
});
