import net from 'node:net';

/**
 * Listens on `count` ports of 127.0.0.1 at once, so the kernel hands out distinct ones;
 * `release()` frees them for the code under test.
 */
export async function holdPorts(count: number) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  return {
    ports: servers.map((server) => (server.address() as net.AddressInfo).port),
    release: () =>
      Promise.all(
        servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      ),
  };
}
