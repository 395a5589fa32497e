import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type ApiErrorJSON, type Client, isApiError } from '@rosetta/core';
import { PROBLEM_TYPE_BASE, problemResponse } from './problem-response';

/** One failure as the service logs it: its own request id and the error's safe-to-log form. */
export interface ServiceLogEntry {
  readonly instance: string;
  /** `err.toJSON()`: every field of the `ApiError`, redacted (no credential), or the message of another error. */
  readonly error: ApiErrorJSON | { readonly message: string };
}

/** What {@link createService} needs: a Rosetta client per provider, and where to log failures. */
export interface ServiceOptions {
  readonly stripe: Client;
  readonly github: Client;
  /** @default console.error */
  readonly log?: (entry: ServiceLogEntry) => void;
}

/** Thrown by a route for a mistake the service sees before calling anyone. */
class BadRequest extends Error {}

// Ids go into provider paths: checked here so a malformed one is a 400 of ours and costs no provider call.
const CUSTOMER_ID = /^cus_[A-Za-z0-9]{1,64}$/;
const GITHUB_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const MAX_BODY_BYTES = 16 * 1024;

/**
 * A small JSON API over two providers, on `node:http` alone:
 *
 * - `GET /customers/:id`: the Stripe customer's id and email;
 * - `GET /repos/:owner/:repo/issues`: the GitHub issues' numbers and titles;
 * - `POST /repos/:owner/:repo/issues` with `{ "title": "..." }`: opens an issue, answers its number.
 *
 * Every failure is answered with an RFC 9457 problem ({@link problemResponse}) and logged with `err.toJSON()`.
 * The returned server is not listening yet.
 *
 * @example
 * createService({ stripe: createClient(stripe, ...), github: createClient(github, ...) }).listen(8080);
 */
export function createService(options: ServiceOptions): Server {
  const { stripe, github } = options;
  const log = options.log ?? ((entry: ServiceLogEntry) => console.error(entry));

  async function route(req: IncomingMessage): Promise<{ status: number; body: unknown } | undefined> {
    const { pathname } = new URL(req.url ?? '/', 'http://service.invalid');
    const parts = pathname.split('/').slice(1).map(decodeSegment);
    if (req.method === 'GET' && parts.length === 2 && parts[0] === 'customers') {
      const id = checked(parts[1], CUSTOMER_ID, 'customer id');
      const customer = await stripe.get<Record<string, unknown>>('/v1/customers/{id}', { params: { id } });
      return { status: 200, body: { id: customer.id, email: customer.email } };
    }
    if (parts.length === 4 && parts[0] === 'repos' && parts[3] === 'issues') {
      const params = { owner: checked(parts[1], GITHUB_NAME, 'owner'), repo: checked(parts[2], GITHUB_NAME, 'repo') };
      if (req.method === 'GET') {
        const issues = await github.get<Record<string, unknown>[]>('/repos/{owner}/{repo}/issues', {
          params,
          query: { per_page: 20 },
        });
        return { status: 200, body: issues.map((issue) => ({ number: issue.number, title: issue.title })) };
      }
      if (req.method === 'POST') {
        const input = await readJson(req);
        // The caller's title goes to GitHub as given: when GitHub finds it invalid, that is the caller's to fix.
        const created = await github.post<Record<string, unknown>>('/repos/{owner}/{repo}/issues', {
          params,
          body: { title: input.title },
        });
        return { status: 201, body: { number: created.number } };
      }
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const instance = `urn:uuid:${randomUUID()}`;
    try {
      const result = await route(req);
      if (result === undefined) return send(res, localProblem(404, 'No such route', instance));
      send(res, { status: result.status, headers: { 'content-type': 'application/json' }, body: result.body });
    } catch (err) {
      if (err instanceof BadRequest) return send(res, localProblem(400, err.message, instance));
      log({ instance, error: isApiError(err) ? err.toJSON() : { message: String(err) } });
      send(res, problemResponse(err, instance));
    }
  }

  return createServer((req, res) => {
    void handle(req, res);
  });
}

function send(
  res: ServerResponse,
  answer: { status: number; headers: Readonly<Record<string, string>>; body: unknown },
): void {
  res.writeHead(answer.status, answer.headers).end(JSON.stringify(answer.body));
}

function localProblem(status: 400 | 404, detail: string, instance: string) {
  const title = status === 400 ? 'Bad request' : 'Not found';
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: {
      type: `${PROBLEM_TYPE_BASE}${status === 400 ? 'bad-request' : 'no-route'}`,
      title,
      status,
      detail,
      instance,
    },
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequest('malformed path');
  }
}

function checked(value: string | undefined, pattern: RegExp, what: string): string {
  if (value === undefined || !pattern.test(value)) throw new BadRequest(`invalid ${what}`);
  return value;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('body too large');
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Falls through to the same answer as valid JSON of the wrong shape.
  }
  throw new BadRequest('the body must be a JSON object');
}
