import { describe, expect, it } from 'vitest';
import { expectBundleWithoutZod } from '../src/conformance/expect-bundle-without-zod';
import { uncitedBuckets } from '../src/conformance/uncited-buckets';

describe('expectBundleWithoutZod', () => {
  it('passes for an entry that reads bodies by hand', async () => {
    await expectBundleWithoutZod(new URL('./bundle-entries/without-zod.ts', import.meta.url));
  });

  it('fails for an entry that pulls zod into the bundle, naming the modules', async () => {
    await expect(expectBundleWithoutZod(new URL('./bundle-entries/with-zod.ts', import.meta.url))).rejects.toThrow(
      /zod modules in the bundle[\s\S]*\/zod\//,
    );
  });
});

describe('uncitedBuckets', () => {
  const bucket = (id: string, source: string) => ({ id, source });

  it('accepts a bucket citing an https page, also followed by an SDK file', () => {
    const buckets = [
      bucket('a', 'https://docs.stripe.com/rate-limits'),
      bucket('b', 'https://developers.notion.com/reference/request-limits ; makenotion/notion-sdk-js src/Client.ts'),
    ];
    expect(uncitedBuckets(buckets)).toEqual([]);
  });

  it('names the buckets whose source is no https page', () => {
    const buckets = [
      bucket('placeholder', 'the provider’s rate-limit page'),
      bucket('http', 'http://docs.example.com/limits'),
      bucket('hostless', 'https://docs'),
      bucket('sdk-only', 'stripe/stripe-node src/RequestSender.ts'),
      bucket('ok', 'https://docs.example.com/limits'),
    ];
    expect(uncitedBuckets(buckets)).toEqual(['placeholder', 'http', 'hostless', 'sdk-only']);
  });
});
