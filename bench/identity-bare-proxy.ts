/**
 * The floor of bench/identity.ts' gateway: a bare node:http proxy in a process of its own,
 * over kept-alive connections, passing the path and the user's token to users and its answer
 * back whole, and doing nothing else. What a hop costs on this machine before the gateway
 * does any of its own work.
 */
import http from 'node:http';

const upstream = new URL(process.env.USERS_URL ?? 'http://127.0.0.1:4101');
const agent = new http.Agent({ keepAlive: true, timeout: 60_000 });

function forward(req: http.IncomingMessage, res: http.ServerResponse): void {
  const call = http.request(
    {
      host: upstream.hostname,
      port: upstream.port,
      path: req.url,
      method: req.method,
      agent,
      headers: req.headers.authorization ? { authorization: req.headers.authorization } : {},
    },
    (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        res.writeHead(answer.statusCode ?? 502, {
          'content-type': answer.headers['content-type'] ?? 'application/octet-stream',
          'content-length': body.byteLength,
        });
        res.end(body);
      });
    },
  );
  call.on('error', () => res.writeHead(502).end());
  call.end();
}

const server = http.createServer((req, res) => {
  if (req.url === '/readyz') {
    res.end('ok');
    return;
  }
  forward(req, res);
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
