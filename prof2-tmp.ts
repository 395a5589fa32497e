import { createServer } from 'node:http';
import { createClient, genericAdapter } from '@rosetta/core';
import ky from './packages/core/node_modules/ky/distribution/index.js';
const body = JSON.stringify({ id: 1, name: 'item', tags: ['a', 'b'] });
const server = createServer((_q, s) => {
  s.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  s.end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const client = createClient(genericAdapter, { baseUrl: url });
const which = process.argv[2];
const call = which === 'ky' ? () => ky.get(`${url}/item`, { retry: 0 }).json() : () => client.get('/item');
const N = 20000;
let next = 0;
for (let i = 0; i < 500; i++) await call();
const c0 = process.cpuUsage();
const t = performance.now();
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next++ < N) await call();
  }),
);
const c = process.cpuUsage(c0);
console.log(
  which,
  `${((N / (performance.now() - t)) * 1000).toFixed(0)} req/s`,
  ((c.user + c.system) / N).toFixed(0),
  'µs CPU/req',
);
server.close();
