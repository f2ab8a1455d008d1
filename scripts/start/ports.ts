import net from 'node:net';
import { KNOWN_RESERVED_PORTS } from 'next/dist/lib/helpers/get-reserved-port.js';

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : port));
    });
  });
}

export function freePort(): Promise<number> {
  return listenOnce(0);
}

/** Why nothing can listen on `port` of 127.0.0.1 right now; undefined when it is free. */
export async function portUnavailable(port: number): Promise<string | undefined> {
  try {
    await listenOnce(port);
    return undefined;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'EADDRINUSE') {
      return `port ${port} is in use by another program; stop it or choose another port`;
    }
    if (code === 'EACCES') {
      return `port ${port} needs privileges to listen on; choose one above 1023`;
    }
    return `port ${port} cannot be listened on (${message})`;
  }
}

/**
 * What a port is reserved for when browsers refuse to connect to it (the Fetch standard's
 * "bad ports"); `next start` refuses to listen on these. Next's own list, so both agree.
 */
export function reservedPortUse(port: number): string | undefined {
  return (KNOWN_RESERVED_PORTS as Record<number, string | undefined>)[port];
}
