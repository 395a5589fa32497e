import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server started by a benchmark. */
export interface LocalServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  /** Stops listening and drops keep-alive connections, so the process can exit. */
  close(): Promise<void>;
}

/**
 * Starts `node:http` on 127.0.0.1 on a free port.
 *
 * @example
 * const server = await startHttpServer((req, res) => res.end('{}'));
 * await fetch(server.url);
 * await server.close();
 */
export function startHttpServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalServer> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * Answers with a JSON body (drains the request body first, as a real server does).
 *
 * @example
 * sendJson(res, 200, { ok: true }, { 'x-request-id': 'r1' });
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
