import type { AdapterFixture } from './fixture';

/**
 * A fixture's body as core reads it: a recording keeps a JSON answer as the text that came over the wire, and core
 * decodes a text body whose `content-type` names JSON; any other body is returned as stored.
 *
 * @example
 * fixtureBody(fixture); // { error: { code: 'BadRequest', ... } } for a recorded '{"error":{...}}'
 */
export function fixtureBody(fixture: AdapterFixture): unknown {
  const { body, headers } = fixture.response;
  if (typeof body !== 'string' || !/json/i.test(headers?.['content-type'] ?? '')) return body;
  return JSON.parse(body) as unknown;
}
