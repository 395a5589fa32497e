import { describe, expect, it, vi } from 'vitest';
import { runExample } from '../src/run-example';

describe('the OpenTelemetry example', () => {
  it('prints a span per call and the metrics, with nothing secret', async () => {
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'dir').mockImplementation((value: unknown) => {
      printed.push(JSON.stringify(value));
    });
    const log = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
      printed.push(values.map((v) => JSON.stringify(v)).join(' '));
    });
    try {
      const { outcomes } = await runExample();
      expect(outcomes).toEqual([
        'rest-success-list-with-link: success',
        'rest-not-found: not_found',
        'rest-service-unavailable: unavailable',
      ]);
    } finally {
      spy.mockRestore();
      log.mockRestore();
    }
    const all = printed.join('\n');
    expect(all).toContain('http.client.request.duration');
    expect(all).toContain('"error.type":"not_found"');
    expect(all).toContain('rosetta.retry');
    expect(all).not.toContain('ghp_FAKE_example_token');
  });
});
