import type { ServerResponse } from 'node:http';

/** What the simulator sends back for one request. */
export interface SimulatedAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON (sent as JSON), a string or bytes (sent as they are), or undefined (no body). */
  readonly body?: unknown;
}

/**
 * How a recorded body was framed on the wire. A fixture stores the body decoded and re-serialized, so the recorded
 * length, chunking or compression would describe other bytes: the client would wait for a body that never ends or
 * gunzip plain JSON. Node frames what is actually sent.
 */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection']);

/**
 * Writes an answer: JSON bodies with `application/json` unless the fixture named another type,
 * strings and bytes as they are, nothing for 204/304 or an absent body. Recorded framing headers are dropped.
 */
export function writeAnswer(res: ServerResponse, answer: SimulatedAnswer): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!FRAMING.has(name.toLowerCase())) headers[name] = value;
  }
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  const noBody = answer.body === undefined || answer.status === 204 || answer.status === 304;
  let payload: string | Uint8Array | undefined;
  if (!noBody) {
    if (answer.body instanceof Uint8Array) {
      payload = answer.body;
      if (!hasType) headers['content-type'] = 'application/octet-stream';
    } else if (typeof answer.body === 'string') {
      payload = answer.body;
      if (!hasType) headers['content-type'] = 'text/plain; charset=utf-8';
    } else {
      payload = JSON.stringify(answer.body);
      if (!hasType) headers['content-type'] = 'application/json';
    }
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}
