import { describe, expect, it } from 'vitest';
import { relayed } from '../src/routes/proxy/forward.ts';

describe('relaying a service’s answer', () => {
  it('drops hop-by-hop headers and those the Connection header names, keeping the rest', async () => {
    const answer = new Response('{}', {
      status: 201,
      headers: {
        connection: 'keep-alive, x-hop',
        'keep-alive': 'timeout=5',
        'x-hop': 'only for this connection',
        etag: '"v1"',
        'content-type': 'application/json',
      },
    });
    const sent = relayed(answer);
    expect(sent.status).toBe(201);
    expect([...sent.headers.keys()].sort()).toEqual(['content-type', 'etag']);
    expect(await sent.text()).toBe('{}');
  });

  it('drops the encoding headers of a body fetch has already decoded', () => {
    const answer = new Response('decoded', {
      headers: { 'content-encoding': 'gzip', 'content-length': '30', vary: 'accept-encoding' },
    });
    expect([...relayed(answer).headers.keys()]).toEqual(['content-type', 'vary']);
  });

  it('sends the answer itself on when nothing is to be dropped, its body unread', () => {
    const answer = new Response('{"id":"usr_1"}', {
      headers: { 'content-type': 'application/json' },
    });
    expect(relayed(answer)).toBe(answer);
    expect(answer.bodyUsed).toBe(false);
  });
});
