import type { BucketDefinition, LimitResponse } from '@rosetta/core';

// Drive's usage limits page: "Queries — Per 60 seconds: 12,000; Per 60 seconds per user: 12,000", and "If you exceed
// a quota, you'll receive a 403: User rate limit exceeded … Additional rate limit checks on the Drive backend might
// also generate a 429". Google sends no rate-limit state headers: only the throttle answers tell.
const DRIVE = 'https://developers.google.com/workspace/drive/api/guides/limits';

/** A quota limit named per project and not per user (`ReadsPerMinutePerProject`), as the classify hook reports it. */
const PROJECT_LIMIT = /^(?!.*user).*PerProject/i;

/**
 * The throttles no pause cures (all `quota_exceeded` but Gmail's sending cap), by their code (the reason the classify
 * hook read): Drive's caps on what an account, a folder or a drive holds (activeItemCreation, numChildrenInNonRoot,
 * teamDriveFile, storageQuota: "Resolve errors", 403 section), freed by deleting items, its sharing limit, "often
 * linked with an email limit", which only sharing calls meet, Gmail's daily sending cap ("(Mail sending)"), which only
 * sends meet, and Cloud's resource quotas: `RESOURCE_QUOTA_EXCEEDED`, "not enough resource quota"
 * (google/api/error_reason.proto: `VMsPerProject`, `jobs-per-organization`), and Compute's 403 `QUOTA_EXCEEDED`
 * ("If the quota is a rate quota, then 403 RATE_LIMIT_EXCEEDED is returned", cloud.google.com/docs/quotas/troubleshoot).
 * Paused as a quota, a bucket would fail every other call of the credential or of the project for its window, a read
 * of a full Drive or a list of the project's VMs included. A daily limit does pause: every call meets that one, and
 * none is sent until the window rolls (docs/benchmarks.md, google-daily); so does a per-day RATE_LIMIT_EXCEEDED.
 * UNPACED reads the code, then the body: Gmail's sending cap is a rate limit's reason with "(Mail sending)" in its
 * message ("User-rate limit exceeded ... Retry after <time> (Mail sending)", handle-errors, 429; "daily limits being
 * exceeded may result in these types of errors for multiple hours"). `test` reads a missing code (or, for
 * PROJECT_LIMIT, a missing scope) as "undefined", which neither pattern matches.
 */
const UNPACED =
  /^(activeItem|numChildren|teamDriveFile|storageQuota|sharingRate|RESOURCE_QUOTA|QUOTA_EX)|\(Mail sending\)/;
/** Whether a throttle may pause a bucket at all: `owns` of both, so that neither is the fallback of a cap. */
const paced = (response: LimitResponse): boolean =>
  !UNPACED.test(response.throttle?.code + JSON.stringify(response.body));

/**
 * Google's per-minute quotas, with Drive's documented defaults (every Google API has its own numbers in the Cloud
 * console; these are priors, override them per client): `project`, one sliding minute shared by every credential of
 * the client (a client talks to one Cloud project), and `user`, one sliding minute per credential (a credential is one
 * user, or one service account). A throttle naming a per-project quota limit pauses `project` (or `user`, when
 * `project` is turned off); every other one (`userRateLimitExceeded`, a 403 `rateLimitExceeded`, a 429 with no name,
 * `dailyLimitExceeded`) pauses `user`, but for resource caps (Drive's item, child and storage caps, its sharing limit,
 * Cloud's `RESOURCE_QUOTA_EXCEEDED` such as `VMsPerProject`), which pause no bucket. None of those is resent either:
 * `quota_exceeded` never is.
 *
 * @example
 * // Gmail: 15,000 quota units per user per minute (messages.get costs 5).
 * createClient(google, { rateLimit: { buckets: { user: { limit: 3_000 }, project: false } } });
 */
export const googleLimits: readonly BucketDefinition[] = [
  {
    id: 'project',
    model: 'sliding-window',
    limit: 12_000,
    windowMs: 60_000,
    source: DRIVE,
    scope: () => 'project',
    owns: (response) => paced(response) && PROJECT_LIMIT.test(response.throttle?.scope as string),
  },
  {
    id: 'user',
    model: 'sliding-window',
    limit: 12_000,
    windowMs: 60_000,
    source: DRIVE,
    owns: paced,
  },
];
