// Entry of a server child process (see start-server-process.ts): keeps the server's CPU off the
// benchmark's event loop and out of its heap. Argument: the behaviour ('json' or 'mixed').
import type { ServerResponse } from 'node:http';
import { sendJson, startHttpServer } from './start-http-server';

const behaviour = process.argv[2] ?? 'json';
const item = { id: 'item_1', object: 'item', name: 'Widget', price: 1_250, currency: 'eur', active: true };
const counts: Record<string, number> = {};
let served = 0;

function answer(res: ServerResponse): void {
  served++;
  if (behaviour !== 'mixed') {
    reply(res, 200, item);
    return;
  }
  // Mixed: one answer in ten is an error, in turn a 500, a 429 asking for a short wait, a 404.
  switch (served % 30) {
    case 0:
      reply(res, 500, { error: { message: 'internal error' } });
      break;
    case 10:
      reply(res, 429, { error: { message: 'slow down' } }, { 'retry-after-ms': '2' });
      break;
    case 20:
      reply(res, 404, { error: { message: 'no such item' } });
      break;
    default:
      reply(res, 200, item);
  }
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  counts[status] = (counts[status] ?? 0) + 1;
  sendJson(res, status, body, { 'x-request-id': `req_${served}`, ...headers });
}

const server = await startHttpServer((req, res) => {
  req.resume();
  answer(res);
});
process.on('message', (message) => {
  if (message === 'counts') process.send?.({ type: 'counts', counts: { ...counts } });
});
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
process.send?.({ type: 'ready', url: server.url });
