import type { AdapterFixture } from '../conformance/fixture';
import { htmlErrorPage } from '../fault-server/html-error-page';
import type { SimulatedAnswer } from './answer';

/**
 * What a provider sends when it is down or failing with `status`: its own fixture with that
 * status when it has one (GitHub's HTML 502, Slack's 503 page), else the page a load balancer
 * serves for 502/503, else a bare JSON 500.
 *
 * @example
 * faultAnswer(503, githubFixtures).status; // 503
 */
export function faultAnswer(status: number, fixtures: readonly AdapterFixture[]): SimulatedAnswer {
  const fixture = fixtures.find((f) => f.response.status === status && f.expected !== null);
  if (fixture !== undefined) {
    return { status, headers: fixture.response.headers ?? {}, body: fixture.response.body };
  }
  if (status === 500) return { status, headers: {}, body: { message: 'Internal Server Error' } };
  const page = htmlErrorPage(status);
  return { status, headers: page.headers, body: page.body };
}
