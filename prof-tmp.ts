import { createServer } from 'node:http';
import { createClient, genericAdapter } from '@rosetta/core';
const body = JSON.stringify({ id: 1, name: 'item', tags: ['a', 'b'] });
const server = createServer((_q, s) => {
  s.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  s.end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const client = createClient(genericAdapter, { baseUrl: url });
const N = 20000;
let next = 0;
for (let i = 0; i < 500; i++) await client.get('/item');
const t = performance.now();
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next++ < N) await client.get('/item');
  }),
);
console.log(`${((N / (performance.now() - t)) * 1000).toFixed(0)} req/s`);
server.close();
