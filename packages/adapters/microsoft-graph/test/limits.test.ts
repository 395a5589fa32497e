import type { LimitResponse } from '@rosetta/core';
import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { microsoftGraphLimits } from '../src/limits';

const harness = limiterHarness(microsoftGraphLimits);
const request = (path: string, credentialKey = 'token-a') => harness.request('GET', path, { credentialKey });

/** Calls admitted at once (nothing released), for each path (with its token, `token-a` if none) in turn. */
const admitted = (paths: readonly (string | [string, string])[]): number[] =>
  harness.burst(paths.map((entry) => (typeof entry === 'string' ? request(entry) : request(...entry))));

describe('microsoftGraphLimits', () => {
  it('every bucket is valid and cites the throttling-limits page', () => {
    expect(uncitedBuckets(microsoftGraphLimits)).toEqual([]);
    for (const bucket of microsoftGraphLimits) {
      expect(validateBucket(bucket).source).toBe('https://learn.microsoft.com/graph/throttling-limits');
    }
  });

  it('holds at most 4 requests in flight per app and mailbox, each mailbox on its own', () => {
    expect(
      admitted([
        '/me/messages',
        '/users/Adele@contoso.example/events',
        '/users/adele@CONTOSO.example/mailFolders/inbox',
      ]),
    ).toEqual([4, 4, 0]);
    expect(admitted(['/v1.0/me/sendMail', ['/me/sendMail', 'token-b'], '/groups/FAKE/calendarView'])).toEqual([
      4, 4, 4,
    ]);
  });

  it('leaves non-Outlook requests to the global window only: 130,000 per 10 s per credential', () => {
    expect(admitted(['/me/drive/root/children', ['/users', 'token-b']])).toEqual([130_000, 130_000]);
  });

  it('does not read a path that merely contains an Outlook word as a mailbox', () => {
    const mailbox = microsoftGraphLimits.find((b) => b.id === 'mailbox');
    expect(mailbox?.scope?.(request('/me/drive/root:/messages:/children'))).toBeNull();
    expect(mailbox?.scope?.(request('/me/messagesX'))).toBeNull();
    expect(mailbox?.scope?.(request("/me/messages('FAKE')"))).toBe('token-a|me');
  });
});

describe('which bucket a 429 pauses', () => {
  const throttled: LimitResponse = {
    status: 429,
    headers: {},
    body: undefined,
    now: Date.now(),
    rateLimit: undefined,
    throttle: { kind: 'rate_limited', retryAfterMs: 30_000 },
  };
  const goesAtOnce = (limiter: ReturnType<typeof harness.limiter>, path: string): boolean => {
    const permit = harness.admit(limiter, request(path));
    permit?.release(undefined);
    return permit !== undefined;
  };

  it('an Outlook 429 pauses that mailbox only: other mailboxes and OneDrive go on (throttling-limits: per app and mailbox)', async () => {
    const limiter = harness.limiter();
    harness.take(limiter, request('/users/adele@contoso.example/messages')).release(throttled);
    expect(goesAtOnce(limiter, '/users/Adele@contoso.example/events')).toBe(false);
    expect(goesAtOnce(limiter, '/users/megan@contoso.example/messages')).toBe(true);
    expect(goesAtOnce(limiter, '/me/drive/root/children')).toBe(true);
    await limiter.close();
  });

  it('a 429 outside Outlook pauses the credential’s global window', async () => {
    const limiter = harness.limiter();
    harness.take(limiter, request('/me/drive/root/children')).release(throttled);
    expect(goesAtOnce(limiter, '/users')).toBe(false);
    expect(goesAtOnce(limiter, '/me/messages')).toBe(false);
    await limiter.close();
  });
});
