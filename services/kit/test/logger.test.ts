import { describe, expect, it } from 'vitest';
import { createTestService } from './test-service.ts';

describe('logs', () => {
  it('writes one access line per request carrying service, instance, request and trace ids', async () => {
    const { app, logLines } = createTestService();
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    await app.request('/v1/things/abc', {
      headers: { 'x-request-id': 'req-log-1', traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    });
    const access = logLines.filter((line) => line.msg === 'request');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      level: 'info',
      service: 'things',
      instance: 'test',
      requestId: 'req-log-1',
      traceId,
      method: 'GET',
      path: '/v1/things/abc',
      route: '/v1/things/{id}',
      status: 200,
    });
    expect(access[0]?.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(typeof access[0]?.durationMs).toBe('number');
    expect(access[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('redacts authorization, password and cookie values at the top and nested levels', async () => {
    const { app, logLines } = createTestService();
    const secrets = {
      authorization: 'Bearer top-level-token',
      password: 'top-level-password',
      user: { email: 'ada@example.com', password: 'nested-password' },
      request: {
        headers: {
          authorization: 'Bearer nested-token',
          cookie: 'session=nested-cookie',
          'set-cookie': 'session=nested-set-cookie',
        },
      },
    };
    await app.request('/v1/log', {
      method: 'POST',
      body: JSON.stringify(secrets),
      headers: { 'content-type': 'application/json' },
    });
    const line = logLines.find((l) => l.msg === 'handler says');
    expect(line).toMatchObject({
      authorization: '[redacted]',
      password: '[redacted]',
      user: { email: 'ada@example.com', password: '[redacted]' },
      request: {
        headers: {
          authorization: '[redacted]',
          cookie: '[redacted]',
          'set-cookie': '[redacted]',
        },
      },
      requestId: expect.any(String),
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(JSON.stringify(logLines)).not.toMatch(/top-level|nested-(token|password|cookie)/);
  });
});
