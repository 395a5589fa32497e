import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGzipBomb } from './gzip-bomb';
import { htmlErrorPage } from './html-error-page';

/** What a route handler needs besides the request: shared caches and timers to clear on close. */
export interface FaultContext {
  /** Gzip bombs already built, by size in MiB. */
  readonly bombs: Map<number, Promise<Buffer>>;
  /** Pending timers, cleared when the server closes. */
  readonly timers: Set<NodeJS.Timeout>;
}

/** One request as a route handler sees it: the body is already read. */
export interface FaultRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly body: string;
}

const MIB = 1 << 20;
const MAX_MB = 2048;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);

/**
 * Answers one request with the fault its path selects. See `startFaultServer` for the list.
 * Unknown paths get a JSON 404.
 */
export async function routeFault(request: FaultRequest, context: FaultContext): Promise<void> {
  const { req, res, url } = request;
  const [route = '', param] = url.pathname.split('/').filter((part) => part !== '');
  switch (route) {
    case 'reset':
      // An RST rather than a FIN, so fetch sees ECONNRESET like a real dropped connection.
      req.socket.resetAndDestroy();
      return;
    case 'hang':
      return;
    case 'slow-headers': {
      const ms = intParam(url, 'ms', 1000, 0, 600_000);
      const timer = setTimeout(() => {
        context.timers.delete(timer);
        sendJson(res, 200, { ok: true, delayedMs: ms });
      }, ms);
      context.timers.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        context.timers.delete(timer);
      });
      return;
    }
    case 'stall-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1024' });
      res.write('{"data":"partial body, the rest never comes');
      return;
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"truncated":tr', () => req.socket.destroy());
      return;
    case 'html': {
      const status = statusParam(param, 502);
      const page = htmlErrorPage(status);
      res.writeHead(status, { ...page.headers, 'content-length': String(Buffer.byteLength(page.body)) });
      res.end(page.body);
      return;
    }
    case 'gzip-bomb': {
      const mb = intParam(url, 'mb', 50, 0, MAX_MB);
      let bomb = context.bombs.get(mb);
      if (bomb === undefined) {
        bomb = createGzipBomb(mb);
        context.bombs.set(mb, bomb);
      }
      const bytes = await bomb;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(bytes.length),
      });
      res.end(bytes);
      return;
    }
    case 'bad-gzip': {
      const bytes = Buffer.from('this is not gzip data, whatever the header says');
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(bytes.length),
      });
      res.end(bytes);
      return;
    }
    case 'redirect': {
      const to = url.searchParams.get('to');
      const status = redirectStatus(url);
      res.writeHead(status, to === null ? { 'content-length': '0' } : { location: to, 'content-length': '0' });
      res.end();
      return;
    }
    case 'redirect-chain': {
      const hops = param === undefined ? 0 : Number.parseInt(param, 10);
      if (!Number.isInteger(hops) || hops <= 0) {
        sendJson(res, 200, { ok: true, method: req.method, body: request.body });
        return;
      }
      res.writeHead(redirectStatus(url), {
        location: `/redirect-chain/${hops - 1}${url.search}`,
        'content-length': '0',
      });
      res.end();
      return;
    }
    case 'redirect-loop':
      res.writeHead(302, { location: '/redirect-loop', 'content-length': '0' });
      res.end();
      return;
    case 'json': {
      const status = statusParam(param, 200);
      sendJson(
        res,
        status,
        status < 400
          ? { ok: true }
          : { error: { code: `fault_${status}`, message: `Fault server answered ${status}` } },
      );
      return;
    }
    case 'empty': {
      const status = statusParam(param, 204);
      res.writeHead(status, status === 204 || status === 304 ? {} : { 'content-length': '0' });
      res.end();
      return;
    }
    case 'huge':
      await sendHuge(res, intParam(url, 'mb', 10, 0, MAX_MB) * MIB);
      return;
    case 'echo':
      sendJson(res, 200, {
        method: req.method,
        path: url.pathname,
        query: queryObject(url),
        headers: req.headers,
        body: request.body,
      });
      return;
    default:
      sendJson(res, 404, { error: { code: 'no_such_fault', message: `No fault route at /${route}` } });
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  if (status === 204 || status === 304) {
    res.writeHead(status);
    res.end();
    return;
  }
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Writes `bytes` bytes with backpressure, stopping early if the client goes away. */
async function sendHuge(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(bytes) });
  let left = bytes;
  while (left > 0 && !res.destroyed) {
    const chunk = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
    left -= chunk.length;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  const value = raw === null ? Number.NaN : Number(raw);
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function statusParam(raw: string | undefined, fallback: number): number {
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(value) && value >= 200 && value <= 599 ? value : fallback;
}

function redirectStatus(url: URL): number {
  const value = Number(url.searchParams.get('status') ?? '302');
  return Number.isInteger(value) && value >= 300 && value <= 399 ? value : 302;
}

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of url.searchParams) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
