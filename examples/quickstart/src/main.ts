// Quickstart: a local JSON API that misbehaves in a few common ways, called through Rosetta's
// genericAdapter. Every failure arrives as one ApiError with a normalized kind.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, genericAdapter, isApiError } from '@rosetta/core';

const server = createServer((req, res) => {
  const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  switch (req.url) {
    case '/users/1':
      return send(200, { id: 1, name: 'Ada' });
    case '/users/2':
      return send(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 2' });
    case '/users':
      return send(422, {
        type: 'https://example.test/validation',
        title: 'Invalid user',
        status: 422,
        errors: [{ pointer: '/email', detail: 'must be an email address' }],
      });
    case '/limited':
      return send(429, { message: 'Too many requests' }, { 'retry-after': '3600' });
    case '/gateway':
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end(
        '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>nginx</body></html>',
      );
    default:
      return send(500, { message: 'unexpected' });
  }
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const api = createClient(genericAdapter, {
  baseUrl: `http://127.0.0.1:${port}`,
  auth: { token: 'quickstart-secret-token' },
  retry: { maxRetries: 1, baseDelayMs: 50 },
});

const calls: Array<[string, () => Promise<unknown>]> = [
  ['GET /users/1', () => api.get('/users/1')],
  ['GET /users/2', () => api.get('/users/2')],
  ['POST /users', () => api.post('/users', { body: { email: 'nope' } })],
  ['GET /gateway', () => api.get('/gateway')],
  // A 429 asking for an hour is not waited out (beyond maxRetryAfterMs): it fails at once with the wait it asked for.
  ['GET /limited', () => api.get('/limited')],
  ['GET /users/1', () => api.get('/users/1')],
];

for (const [label, call] of calls) {
  try {
    const data = await call();
    console.log(`${label.padEnd(14)} ok          ${JSON.stringify(data)}`);
  } catch (err) {
    if (!isApiError(err)) throw err;
    const extra =
      err.kind === 'validation'
        ? ` fields=${JSON.stringify(err.fieldErrors)}`
        : err.retryAfterMs !== undefined
          ? ` retryAfterMs=${err.retryAfterMs}`
          : '';
    console.log(`${label.padEnd(14)} ${err.kind.padEnd(11)} attempts=${err.attempts} ${err.message}${extra}`);
  }
}

await api.close();
server.close();
