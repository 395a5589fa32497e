import type { LimitRequest } from '@rosetta/core';
import { uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../core/src/limit/create-limiter';
import { isPermit } from '../../../core/src/limit/types';
import { validateBucket } from '../../../core/src/limit/validate-bucket';
import { microsoftGraphLimits } from '../src/limits';

const request = (path: string, credentialKey = 'token-a'): LimitRequest => ({
  method: 'GET',
  path,
  route: path,
  query: undefined,
  body: undefined,
  credentialKey,
});

/** Calls admitted at once (no time passes and nothing is released), for each path in turn on one limiter. */
function admitted(paths: readonly (string | [string, string])[]): number[] {
  const limiter = createLimiter(microsoftGraphLimits, { maxQueued: 200_000, maxHoldMs: 60_000 });
  if (limiter === undefined) throw new Error('no limiter');
  const counts = paths.map((entry) => {
    const [path, key] = typeof entry === 'string' ? [entry, 'token-a'] : entry;
    let n = 0;
    let got = limiter.acquire(request(path, key));
    for (; isPermit(got) && n < 200_000; got = limiter.acquire(request(path, key))) n++;
    if (!isPermit(got)) got.catch(() => undefined);
    return n;
  });
  void limiter.close();
  return counts;
}

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
