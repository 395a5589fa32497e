import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type FaultContext, routeFault } from './fault-routes';

/** One request as it reached the fault server. */
export interface RecordedRequest {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Path and query string, exactly as sent (`/echo?a=1`). */
  readonly path: string;
  /** Request headers with lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** Request body as UTF-8 text (at most 1 MiB is kept). */
  readonly body: string;
}

/** A running fault-injection server. */
export interface FaultServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:53211/`. */
  readonly url: string;
  /** Origin, e.g. `http://127.0.0.1:53211`. */
  readonly origin: string;
  /** Every request received so far, in arrival order, so tests can assert what reached the server. */
  readonly requests: readonly RecordedRequest[];
  /** Stops the server, destroying open sockets (hung and stalled ones included) and timers. */
  close(): Promise<void>;
}

const MAX_RECORDED_BODY = 1 << 20;

/**
 * Starts a loopback HTTP server on 127.0.0.1 (a free port) whose path selects the fault:
 *
 * | path | behaviour |
 * | --- | --- |
 * | `/reset` | connection reset (RST) before any header |
 * | `/hang` | accepts the request, never answers |
 * | `/slow-headers?ms=N` | answers `200 {"ok":true}` after N ms (default 1000) |
 * | `/stall-body` | headers and part of the body (Content-Length 1024), then nothing |
 * | `/truncated` | Content-Length 100, 15 bytes of body, then the socket closes |
 * | `/html/:status` | an HTML error page: Cloudflare's for 520-526, nginx's otherwise |
 * | `/gzip-bomb?mb=N` | N MiB of zeros gzipped (default 50): ~1 KB per MiB on the wire |
 * | `/bad-gzip` | `content-encoding: gzip` over bytes that are not gzip |
 * | `/redirect?to=URL&status=302` | a redirect to `to`; without `to`, a 3xx with no Location |
 * | `/redirect-chain/:n?status=302` | n redirects, then `200 {"ok":true,"method","body"}` |
 * | `/redirect-loop` | a 302 to itself |
 * | `/json/:status` | a JSON body (`{"ok":true}` below 400, `{"error":{...}}` from 400) |
 * | `/empty/:status` | no body (default 204) |
 * | `/huge?mb=N` | a plain-text body of N MiB (default 10), written with backpressure |
 * | `/echo` | `{"method","path","query","headers","body"}` of the request |
 *
 * @example
 * const server = await startFaultServer();
 * await expect(fetch(new URL('/reset', server.url))).rejects.toThrow('fetch failed');
 * await server.close();
 */
export async function startFaultServer(): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const context: FaultContext = { bombs: new Map(), timers: new Set() };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readRequestBody(req);
      const url = new URL(req.url ?? '/', 'http://fault.invalid');
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: flatHeaders(req), body });
      await routeFault({ req, res, url, body }, context);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const timer of context.timers) clearTimeout(timer);
      context.timers.clear();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  return { url: `${origin}/`, origin, requests, close };
}

async function readRequestBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size < MAX_RECORDED_BODY) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, MAX_RECORDED_BODY).toString('utf8');
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
