import { describe, expect, it } from 'vitest';
import { createRouter, createService } from '../src/index.ts';
import { captureLogger } from '../src/testing.ts';

describe('quiet routes', () => {
  it('logs successful requests of a quiet route at debug and its failures at info', async () => {
    const { logger, lines } = captureLogger('quiet');
    const app = createService({
      name: 'quiet',
      version: 'test',
      instanceId: 'quiet-1',
      description: 'Quiet routes.',
      logger,
      deps: {},
      quietRoutes: ['/v1/beats/{id}'],
    });
    const router = createRouter();
    router.put('/v1/beats/:id', (c) =>
      c.req.param('id') === 'gone' ? c.json({}, 404) : c.body(null, 204),
    );
    router.get('/v1/loud', (c) => c.json({ ok: true }));
    app.route('/', router);
    await app.request('/v1/beats/a', { method: 'PUT' });
    await app.request('/v1/beats/gone', { method: 'PUT' });
    await app.request('/v1/loud');
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.map((line) => [line.path, line.level])).toEqual([
      ['/v1/beats/a', 'debug'],
      ['/v1/beats/gone', 'info'],
      ['/v1/loud', 'info'],
    ]);
  });
});
