import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRouter, createService } from '../src/index.ts';
import { serveNode } from '../src/serve-node.ts';
import { captureLogger } from '../src/testing.ts';

function connectError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });
}

/** An app whose one route takes 300 ms and tells the test when a request has arrived. */
function createSlowApp() {
  const { logger, lines } = captureLogger('slow');
  let arrived: () => void = () => {};
  const requestArrived = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const app = createService({
    name: 'slow',
    version: 'test',
    instanceId: 'slow-1',
    description: 'A slow service.',
    logger,
    deps: {},
  });
  const router = createRouter();
  router.get('/v1/slow', async (c) => {
    arrived();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return c.json({ done: true });
  });
  app.route('/', router);
  return { app, logger, lines, requestArrived };
}

describe('serveNode', () => {
  it('lets an in-flight request finish, refuses new connections, then calls onShutdown', async () => {
    const { app, logger, lines, requestArrived } = createSlowApp();
    const events: string[] = [];
    const server = await serveNode({
      fetch: app.fetch,
      port: 0,
      hostname: '127.0.0.1',
      logger,
      handleSignals: false,
      onShutdown: async () => {
        events.push('onShutdown');
      },
    });
    expect(server.port).toBeGreaterThan(0);

    const inFlight = fetch(`http://127.0.0.1:${server.port}/v1/slow`).then(async (res) => {
      events.push('response');
      return { status: res.status, body: await res.json() };
    });
    await requestArrived;
    const stopped = server.shutdown('test');

    expect(await connectError(server.port)).toBe('ECONNREFUSED');
    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    await stopped;
    // The client may see the response a tick after the server closed its pools; what matters is
    // that both happened and the response arrived whole (asserted above).
    expect(events.sort()).toEqual(['onShutdown', 'response']);
    expect(await connectError(server.port)).toBe('ECONNREFUSED');
    expect(lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['listening', 'shutting down', 'stopped']),
    );
  });

  it('closes the remaining connections when the drain times out', async () => {
    const { app, logger, lines, requestArrived } = createSlowApp();
    const server = await serveNode({
      fetch: app.fetch,
      port: 0,
      hostname: '127.0.0.1',
      logger,
      handleSignals: false,
      drainTimeoutMs: 50,
    });
    const inFlight = fetch(`http://127.0.0.1:${server.port}/v1/slow`).then(
      (res) => res.status,
      (error: unknown) => error,
    );
    await requestArrived;
    await server.shutdown('test');
    expect(await inFlight).toBeInstanceOf(TypeError);
    expect(
      lines.some((line) => line.msg === 'drain timed out; closing remaining connections'),
    ).toBe(true);
  });

  it('registers no signal handlers when asked not to', async () => {
    const { app, logger } = createSlowApp();
    const before = process.listenerCount('SIGTERM');
    const server = await serveNode({
      fetch: app.fetch,
      port: 0,
      hostname: '127.0.0.1',
      logger,
      handleSignals: false,
    });
    expect(process.listenerCount('SIGTERM')).toBe(before);
    await server.shutdown('test');
  });

  it('runs beforeShutdown while still serving, then drains and calls onShutdown', async () => {
    const { app, logger, lines } = createSlowApp();
    const events: string[] = [];
    let port = 0;
    const server = await serveNode({
      fetch: app.fetch,
      port: 0,
      hostname: '127.0.0.1',
      logger,
      handleSignals: false,
      beforeShutdown: async () => {
        events.push(`before: ${(await connectError(port)) ?? 'accepting'}`);
        throw new Error('deregistration failed');
      },
      onShutdown: async () => {
        events.push('onShutdown');
      },
    });
    port = server.port;
    await server.shutdown('test');
    expect(events).toEqual(['before: accepting', 'onShutdown']);
    expect(await connectError(port)).toBe('ECONNREFUSED');
    expect(lines.some((line) => line.msg === 'before-shutdown hook failed')).toBe(true);
  });
});
