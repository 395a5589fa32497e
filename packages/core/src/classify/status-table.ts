import { type ErrorKind, RETRYABLE_BY_DEFAULT } from '../errors/kinds';

/** What an HTTP status alone says about an error. */
export interface StatusClass {
  readonly kind: ErrorKind;
  readonly retryable: boolean;
}

// The statuses whose kind is not their class's fallback (`OTHER_3XX`, `OTHER_4XX`, `OTHER_5XX`). Only this compact
// form ships; the reason phrases and the why of each mapping live in scripts/gen-status-table.ts (STATUS_TABLE),
// which is built from classifyStatus() so the two cannot disagree.
const KIND_STATUSES: Readonly<Partial<Record<ErrorKind, readonly number[]>>> = {
  conflict: [300, 409, 412, 423, 424],
  authentication: [401, 407, 419, 440, 495, 496, 498, 511, 561],
  payment_required: [402],
  permission: [403, 450, 451],
  not_found: [404],
  unsupported: [405, 410, 426, 501, 505, 510],
  timeout: [408, 598],
  rate_limited: [420, 429, 509],
  unavailable: [421, 425, 502, 503, 504, 507, 520, 521, 522, 523, 524, 525, 526, 527, 528, 529, 530],
  aborted: [499],
  server: [506, 508],
  network: [599],
};
// Where a status retries differently from its kind's default: 423 Locked clears; 506/508 are server
// misconfigurations and 507 is a full disk, none of which a retry soon fixes.
const RETRYABLE_OVERRIDES: Readonly<Record<number, boolean>> = { 423: true, 506: false, 507: false, 508: false };

/** @internal Shared by classifyStatus and the docs table. */
export const OTHER_3XX: StatusClass = Object.freeze({ kind: 'invalid_response', retryable: false });
/** @internal */
export const OTHER_4XX: StatusClass = Object.freeze({ kind: 'validation', retryable: false });
/** @internal */
export const OTHER_5XX: StatusClass = Object.freeze({ kind: 'server', retryable: true });
/** @internal A number that is no HTTP status reads as an unlisted 3xx does. */
export const NOT_HTTP: StatusClass = OTHER_3XX;

// Indexed by status: one array read per call, no allocation.
const BY_STATUS: readonly (StatusClass | undefined)[] = /* @__PURE__ */ (() => {
  const table: (StatusClass | undefined)[] = new Array(600).fill(undefined);
  for (const [kind, statuses] of Object.entries(KIND_STATUSES) as [ErrorKind, number[]][]) {
    for (const status of statuses) {
      table[status] = Object.freeze({ kind, retryable: RETRYABLE_OVERRIDES[status] ?? RETRYABLE_BY_DEFAULT[kind] });
    }
  }
  return table;
})();

/**
 * What an HTTP status alone says: `null` for a success (1xx, 2xx, and 304 Not Modified, which
 * answers a conditional request), else the kind and whether retrying can help.
 *
 * Every status has an answer: listed ones per `STATUS_TABLE`, others per `STATUS_FALLBACKS`
 * (both documented in docs/status-table.md). The returned objects are shared and frozen.
 *
 * @example
 * classifyStatus(429); // { kind: 'rate_limited', retryable: true }
 * classifyStatus(204); // null
 */
export function classifyStatus(status: number): StatusClass | null {
  if (!Number.isInteger(status) || status < 100 || status > 599) return NOT_HTTP;
  if (status < 300 || status === 304) return null;
  const entry = BY_STATUS[status];
  if (entry !== undefined) return entry;
  return status < 400 ? OTHER_3XX : status < 500 ? OTHER_4XX : OTHER_5XX;
}
