import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

export type FetchRequest = (request: Request) => Promise<Response>;

export interface NodeFetchOptions {
  /** Answers of a declared length up to this are read whole before resolving; 64 KiB. */
  wholeAnswerBytes?: number;
}

const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/** Headers about the connection itself (RFC 9110 §7.6.1), which node:http has dealt with. */
const connectionHeaders = new Set(['connection', 'keep-alive', 'transfer-encoding']);

function headersOf(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] as string;
    if (!connectionHeaders.has(name.toLowerCase())) {
      headers.append(name, raw[index + 1] as string);
    }
  }
  return headers;
}

function plainHeaders(headers: Headers, body: Buffer | undefined): Record<string, string> {
  const plain: Record<string, string> = {};
  headers.forEach((value, name) => {
    plain[name] = value;
  });
  if (body !== undefined) {
    plain['content-length'] = String(body.byteLength);
  }
  return plain;
}

/** A failure as fetch reports one: the abort's reason, else `TypeError: fetch failed`. */
function failure(signal: AbortSignal, cause: unknown): unknown {
  return signal.aborted ? signal.reason : new TypeError('fetch failed', { cause });
}

function readWhole(res: http.IncomingMessage, init: ResponseInit, signal: AbortSignal) {
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.once('end', () => resolve(new Response(Buffer.concat(chunks), init)));
    res.once('error', (error) => reject(failure(signal, error)));
    res.once('close', () => {
      if (!res.complete) {
        reject(failure(signal, new Error('the answer ended before its body did')));
      }
    });
  });
}

function answerOf(
  request: Request,
  res: http.IncomingMessage,
  wholeAnswerBytes: number,
): Promise<Response> {
  const status = res.statusCode ?? 502;
  const init: ResponseInit = {
    status,
    statusText: res.statusMessage ?? '',
    headers: headersOf(res.rawHeaders),
  };
  if (request.method === 'HEAD' || nullBodyStatuses.has(status)) {
    res.resume();
    return Promise.resolve(new Response(null, init));
  }
  const length = Number(res.headers['content-length'] ?? Number.NaN);
  if (Number.isInteger(length) && length <= wholeAnswerBytes) {
    return readWhole(res, init, request.signal);
  }
  return Promise.resolve(new Response(Readable.toWeb(res) as ReadableStream, init));
}

/**
 * `fetch` for calls between services on Node, on node:http over kept-alive connections: on
 * Node 20's own fetch (undici's) the gateway spends 10-20% more CPU per call and answers about
 * a fifth fewer calls on two cores (bench/identity.ts, docs/identity.md). Small answers of a
 * declared length are read whole, so they reach the caller in one piece; others stream.
 * Unlike fetch, and as no call between services needs: redirects are answered rather than
 * followed; no headers are added (no `accept-encoding`, so answers come as sent, never
 * decoded); a body to send is read whole before sending.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchRequest {
  const wholeAnswerBytes = options.wholeAnswerBytes ?? 64 * 1024;
  // The timeout only lets the agent honour a server's `Keep-Alive: timeout` hint, closing an
  // idle connection before the server does; the caller's signal ends calls in flight.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: 60_000 }),
    'https:': new https.Agent({ keepAlive: true, timeout: 60_000 }),
  };
  return async (request) => {
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError('fetch failed', { cause: new Error(`unsupported ${url.protocol}`) });
    }
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    const { signal } = request;
    signal.throwIfAborted();
    return new Promise<Response>((resolve, reject) => {
      const send = url.protocol === 'https:' ? https.request : http.request;
      const call = send(
        url,
        {
          method: request.method,
          headers: plainHeaders(request.headers, body),
          agent: agents[url.protocol as keyof typeof agents],
        },
        (res) => {
          answerOf(request, res, wholeAnswerBytes).then(resolve, reject);
        },
      );
      const abort = () => call.destroy(signal.reason);
      signal.addEventListener('abort', abort, { once: true });
      call.once('close', () => signal.removeEventListener('abort', abort));
      call.on('error', (error) => reject(failure(signal, error)));
      call.end(body);
    });
  };
}
