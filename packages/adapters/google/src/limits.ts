import type { BucketDefinition } from '@rosetta/core';

// Drive's usage limits page: "Queries — Per 60 seconds: 12,000; Per 60 seconds per user: 12,000", and "If you exceed
// a quota, you'll receive a 403: User rate limit exceeded … Additional rate limit checks on the Drive backend might
// also generate a 429". Google sends no rate-limit state headers: only the throttle answers tell.
const DRIVE = 'https://developers.google.com/workspace/drive/api/guides/limits';

/** A quota limit named per project and not per user (`ReadsPerMinutePerProject`), as the classify hook reports it. */
const PROJECT_LIMIT = /^(?!.*user).*PerProject/i;

/**
 * The `quota_exceeded` answers no pause cures, by their code (the reason the classify hook read): Drive's caps on
 * what an account, a folder or a drive holds (activeItemCreation, numChildrenInNonRoot, teamDriveFile, storageQuota:
 * "Resolve errors", 403 section), freed by deleting items, and its sharing limit, "often linked with an email limit",
 * which only sharing calls meet. Paused as a quota, `user` would fail every other call of the credential for its
 * window, a read of a full Drive included. A daily limit does pause it: every call meets that one, and none is sent
 * until the window rolls (docs/benchmarks.md, google-daily). `test` reads a missing code (or, for PROJECT_LIMIT, a
 * missing scope) as "undefined", which neither pattern matches.
 */
const UNPACED = /^(activeItem|numChildren|teamDriveFile|storageQuota|sharingRate)/;

/**
 * Google's per-minute quotas, with Drive's documented defaults (every Google API has its own numbers in the Cloud
 * console; these are priors, override them per client): `project`, one sliding minute shared by every credential of
 * the client (a client talks to one Cloud project), and `user`, one sliding minute per credential (a credential is one
 * user, or one service account). A throttle naming a per-project quota limit pauses `project` (or `user`, when
 * `project` is turned off); every other one (`userRateLimitExceeded`, a 403 `rateLimitExceeded`, a 429 with no name,
 * `dailyLimitExceeded`) pauses `user`, but for the caps of {@link UNPACED}, which pause no bucket. None of those is
 * resent either: `quota_exceeded` never is.
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
    owns: (response) => PROJECT_LIMIT.test(response.throttle?.scope as string),
  },
  {
    id: 'user',
    model: 'sliding-window',
    limit: 12_000,
    windowMs: 60_000,
    source: DRIVE,
    owns: (response) => !UNPACED.test(response.throttle?.code as string),
  },
];
