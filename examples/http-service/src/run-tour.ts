import { startExample } from './start-example';

/** One request of the tour: what the providers answer, and what the service's client asks. */
interface Stop {
  readonly label: string;
  readonly simulate: Readonly<Partial<Record<'stripe' | 'github', string>>>;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
}

const TOUR: readonly Stop[] = [
  { label: 'Stripe answers', simulate: {}, method: 'GET', path: '/customers/cus_FAKE0001' },
  { label: 'GitHub answers', simulate: {}, method: 'GET', path: '/repos/octocat/hello-world/issues' },
  {
    label: 'no such customer',
    simulate: { stripe: 'not-found-resource-missing' },
    method: 'GET',
    path: '/customers/cus_FAKEMISSING',
  },
  {
    label: "the caller's field is invalid",
    simulate: { github: 'rest-validation-missing-field' },
    method: 'POST',
    path: '/repos/octocat/hello-world/issues',
    body: { title: '' },
  },
  {
    label: "the service's Stripe key is refused",
    simulate: { stripe: 'authentication-invalid-api-key' },
    method: 'GET',
    path: '/customers/cus_FAKE0001',
  },
  {
    label: 'Stripe fails',
    simulate: { stripe: 'server-500-api-error' },
    method: 'GET',
    path: '/customers/cus_FAKE0001',
  },
  {
    label: 'GitHub rate limits the service',
    simulate: { github: 'rest-primary-rate-limit-403' },
    method: 'GET',
    path: '/repos/octocat/hello-world/issues',
  },
];

/**
 * Starts the service in front of the simulated providers and sends it one request per case, printing what its
 * client gets: the status, the `Retry-After` when there is one, and the body.
 *
 * @example
 * for (const line of await runTour()) console.log(line);
 */
export async function runTour(): Promise<string[]> {
  const example = await startExample();
  const lines: string[] = [];
  try {
    for (const stop of TOUR) {
      example.simulate(stop.simulate);
      const res = await fetch(`${example.url}${stop.path}`, {
        method: stop.method,
        ...(stop.body === undefined ? {} : { body: JSON.stringify(stop.body) }),
      });
      const retryAfter = res.headers.get('retry-after');
      const body = JSON.stringify(await res.json(), null, 2).replaceAll('\n', '\n    ');
      lines.push(
        `${stop.label}: ${stop.method} ${stop.path}`,
        `  -> ${res.status}${retryAfter === null ? '' : `, Retry-After: ${retryAfter}`}`,
        `    ${body}`,
      );
    }
  } finally {
    await example.close();
  }
  return lines;
}
