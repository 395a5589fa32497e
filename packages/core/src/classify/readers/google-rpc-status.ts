// Google's error envelope (AIP-193 "HTTP/1.1+JSON representation" of `google.rpc.Status`), read once for every
// adapter whose API answers `{"error": {code, message, status, details: [...]}}`: Google Cloud, Workspace, Firebase,
// Gemini. The older Workspace form (`error.errors[{domain, reason, message, location, locationType}]`) rides in the
// same envelope and is read too; what its reasons mean is the adapter's business. Pure, plain code, bounded.
// Sources: google.aip.dev/193; googleapis/googleapis google/rpc/{code,error_details}.proto, google/api/error_reason.proto.
import type { ErrorKind } from '../../errors/kinds';
import type { FieldError } from '../../errors/types';
import type { ClassifyVerdict } from '../types';

type JsonObject = Readonly<Record<string, unknown>>;

/** Items of `details`, `errors` and violation lists read at most: the first ones decide a classification. */
const MAX_ITEMS = 50;
const TYPE_PREFIX = 'type.googleapis.com/google.rpc.';

const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value.slice(0, MAX_ITEMS) : []);

/** `google.rpc.Code` names by number (code.proto): an operation's `error.code` is the number, not the HTTP status. */
const CODE_NAMES = /* @__PURE__ */ (
  'OK CANCELLED UNKNOWN INVALID_ARGUMENT DEADLINE_EXCEEDED NOT_FOUND ALREADY_EXISTS PERMISSION_DENIED ' +
  'RESOURCE_EXHAUSTED FAILED_PRECONDITION ABORTED OUT_OF_RANGE UNIMPLEMENTED INTERNAL UNAVAILABLE DATA_LOSS UNAUTHENTICATED'
).split(' ');

/** One legacy `errors[]` item (Drive, Calendar, Gmail, YouTube): `reason` is the machine code there. */
export interface GoogleLegacyError {
  readonly reason: string | undefined;
  readonly domain: string | undefined;
  readonly message: string | undefined;
  /** A parameter or header name when `locationType` is `parameter` or `header`. */
  readonly location: string | undefined;
  readonly locationType: string | undefined;
}

/** A `google.rpc.QuotaFailure` violation: `quotaId` in newer answers, `subject`/`description` in older ones. */
export interface GoogleQuotaViolation {
  readonly subject: string | undefined;
  readonly description: string | undefined;
  readonly quotaMetric: string | undefined;
  readonly quotaId: string | undefined;
}

/** Google's error envelope, as {@link readGoogleRpcStatus} reads it. */
export interface GoogleRpcStatus {
  /** The HTTP status Google sends as `code`; for a long-running operation's `error`, the `google.rpc.Code` number. */
  readonly code: number | undefined;
  readonly message: string | undefined;
  /** The canonical code name (`RESOURCE_EXHAUSTED`), from `status` or, for an operation, from the number. */
  readonly status: string | undefined;
  /** `google.rpc.ErrorInfo`: the machine-readable (reason, domain) and its string metadata. */
  readonly errorInfo:
    | { readonly reason: string; readonly domain: string | undefined; readonly metadata: JsonObject }
    | undefined;
  /** `google.rpc.RetryInfo.retryDelay` in whole milliseconds, rounded up. */
  readonly retryDelayMs: number | undefined;
  /** `google.rpc.BadRequest.fieldViolations` (`reason` as the field error's code). */
  readonly fieldViolations: readonly FieldError[];
  readonly quotaViolations: readonly GoogleQuotaViolation[];
  /** `google.rpc.RequestInfo.requestId`. */
  readonly requestId: string | undefined;
  /** `google.rpc.LocalizedMessage.message`. */
  readonly localizedMessage: string | undefined;
  /** The legacy Workspace `errors[]`; empty in AIP-193 answers. */
  readonly errors: readonly GoogleLegacyError[];
}

/**
 * A protobuf JSON `Duration` (`"37s"`, `"1.5s"`, `"0.000340s"`) in whole milliseconds, rounded up; undefined for
 * anything else. A `{seconds, nanos}` object (proto3 JSON from some gateways) reads too.
 *
 * @example
 * parseGoogleDuration('1.5s'); // 1500
 */
export function parseGoogleDuration(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const m = /^(\d{1,12})(?:\.(\d{1,9}))?s$/.exec(value.trim());
    if (m === null) return undefined;
    return Math.ceil(Number(m[1]) * 1000 + Number(`0.${m[2] ?? '0'}`) * 1000);
  }
  const o = object(value);
  const seconds = Number(o?.seconds ?? 0);
  const nanos = Number(o?.nanos ?? 0);
  if (o === undefined || !Number.isFinite(seconds) || !Number.isFinite(nanos) || seconds < 0 || nanos < 0) {
    return undefined;
  }
  return Math.ceil(seconds * 1000 + nanos / 1e6);
}

/**
 * Reads Google's error envelope from a parsed body: `{"error": {...}}` (an API error), or the `error` of a
 * long-running operation (`{"done": true, "error": {"code": 5, ...}}`, pass `body.error` itself wrapped the same
 * way). Undefined when the body has no `error` object. Never throws on JSON.
 *
 * @example
 * readGoogleRpcStatus({ error: { code: 429, status: 'RESOURCE_EXHAUSTED', details: [] } })?.status; // 'RESOURCE_EXHAUSTED'
 */
export function readGoogleRpcStatus(body: unknown): GoogleRpcStatus | undefined {
  const error = object(object(body)?.error);
  if (error === undefined) return undefined;
  const code = typeof error.code === 'number' && Number.isInteger(error.code) ? error.code : undefined;
  let errorInfo: GoogleRpcStatus['errorInfo'];
  let retryDelayMs: number | undefined;
  let requestId: string | undefined;
  let localizedMessage: string | undefined;
  const fieldViolations: FieldError[] = [];
  const quotaViolations: GoogleQuotaViolation[] = [];
  for (const item of list(error.details)) {
    const d = object(item);
    const type = text(d?.['@type']);
    if (d === undefined || type === undefined || !type.startsWith(TYPE_PREFIX)) continue;
    switch (type.slice(TYPE_PREFIX.length)) {
      case 'ErrorInfo': {
        const reason = text(d.reason);
        if (errorInfo === undefined && reason !== undefined) {
          errorInfo = { reason, domain: text(d.domain), metadata: object(d.metadata) ?? {} };
        }
        break;
      }
      case 'RetryInfo':
        retryDelayMs ??= parseGoogleDuration(d.retryDelay);
        break;
      case 'BadRequest':
        for (const v of list(d.fieldViolations)) readViolation(object(v), fieldViolations);
        break;
      case 'QuotaFailure':
        texts(d.violations, QUOTA_MEMBERS, quotaViolations);
        break;
      case 'RequestInfo':
        requestId ??= text(d.requestId);
        break;
      case 'LocalizedMessage':
        localizedMessage ??= text(d.message);
        break;
    }
  }
  const errors: GoogleLegacyError[] = [];
  texts(error.errors, LEGACY_MEMBERS, errors);
  // An operation's error carries the canonical number and no name (code.proto); an API error names it.
  const status = text(error.status) ?? (code !== undefined && code < 100 ? CODE_NAMES[code] : undefined);
  return {
    code,
    message: text(error.message),
    status,
    errorInfo,
    retryDelayMs,
    fieldViolations,
    quotaViolations,
    requestId,
    localizedMessage,
    errors,
  };
}

const QUOTA_MEMBERS = ['subject', 'description', 'quotaMetric', 'quotaId'] as const;
const LEGACY_MEMBERS = ['reason', 'domain', 'message', 'location', 'locationType'] as const;

/** Each object of `items` as its string `members` (undefined when not a non-empty string), pushed to `out`. */
function texts<K extends string>(items: unknown, members: readonly K[], out: Record<K, string | undefined>[]): void {
  for (const item of list(items)) {
    const o = object(item);
    if (o !== undefined)
      out.push(Object.fromEntries(members.map((m) => [m, text(o[m])])) as Record<K, string | undefined>);
  }
}

function readViolation(v: JsonObject | undefined, out: FieldError[]): void {
  const path = text(v?.field);
  if (v === undefined || path === undefined) return;
  const reason = text(v.reason);
  const message = text(v.description) ?? reason ?? 'Invalid value';
  out.push(reason === undefined ? { path, message } : { path, message, code: reason });
}

/**
 * What a canonical code means when nothing more specific is known, and whether retrying the same request helps.
 * DEADLINE_EXCEEDED is the server's own deadline, which "may be returned even if the operation has completed";
 * FAILED_PRECONDITION "should not retry until the system state has been explicitly fixed"; ABORTED is a concurrency
 * abort to "retry at a higher level" (for one REST call, the call); DATA_LOSS must be surfaced, not retried (AIP-194).
 */
const STATUS_RULES: Readonly<Record<string, readonly [ErrorKind, boolean]>> = {
  CANCELLED: ['aborted', false],
  UNKNOWN: ['server', true],
  INVALID_ARGUMENT: ['validation', false],
  DEADLINE_EXCEEDED: ['timeout', true],
  NOT_FOUND: ['not_found', false],
  ALREADY_EXISTS: ['conflict', false],
  PERMISSION_DENIED: ['permission', false],
  UNAUTHENTICATED: ['authentication', false],
  RESOURCE_EXHAUSTED: ['rate_limited', true],
  FAILED_PRECONDITION: ['conflict', false],
  ABORTED: ['conflict', true],
  OUT_OF_RANGE: ['validation', false],
  UNIMPLEMENTED: ['unsupported', false],
  INTERNAL: ['server', true],
  UNAVAILABLE: ['unavailable', true],
  DATA_LOSS: ['server', false],
};

/**
 * What Service Infrastructure's `ErrorInfo.reason`s mean (google/api/error_reason.proto). They decide over the
 * canonical code: an invalid API key comes as 400 INVALID_ARGUMENT, a disabled API or billing account as 403.
 * Compute Engine uses the same names with its own domain, so the domain is not checked.
 */
const REASON_KINDS: Readonly<Record<string, ErrorKind>> = {
  SERVICE_DISABLED: 'permission',
  BILLING_DISABLED: 'payment_required',
  API_KEY_INVALID: 'authentication',
  // The API_KEY_*_BLOCKED reasons come as 403 PERMISSION_DENIED (error_reason.proto): the canonical code reads them.
  RATE_LIMIT_EXCEEDED: 'rate_limited',
  // Resource quotas (VMs per project) are freed by deleting resources, never by waiting.
  RESOURCE_QUOTA_EXCEEDED: 'quota_exceeded',
  // Compute Engine's 403 quota answer (cloud.google.com/docs/quotas/troubleshoot).
  QUOTA_EXCEEDED: 'quota_exceeded',
  EMULATOR_QUOTA_EXCEEDED: 'quota_exceeded',
  USER_PROJECT_DENIED: 'permission',
  CONSUMER_SUSPENDED: 'permission',
  GCP_SUSPENDED: 'permission',
  SECURITY_POLICY_VIOLATED: 'permission',
  ACCESS_TOKEN_EXPIRED: 'authentication',
  ACCESS_TOKEN_SCOPE_INSUFFICIENT: 'permission',
  ACCOUNT_STATE_INVALID: 'authentication',
  ACCESS_TOKEN_TYPE_UNSUPPORTED: 'authentication',
  CREDENTIALS_MISSING: 'authentication',
  SESSION_COOKIE_INVALID: 'authentication',
  USER_BLOCKED_BY_ADMIN: 'permission',
  IAM_PERMISSION_DENIED: 'permission',
  JWT_TOKEN_INVALID: 'authentication',
  CREDENTIAL_TYPE_UNSUPPORTED: 'authentication',
  // Capacity, not the caller's allowance: AIP-193's own 429 example says "try again later" or elsewhere.
  RESOURCE_AVAILABILITY: 'unavailable',
  STOCKOUT: 'unavailable',
};

const own = <T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined =>
  key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;

/** A quota named per day or per month (`defaultPerDayPerProject`, `GenerateRequestsPerDay...`, unit `1/d/{project}`). */
const LONG_WINDOW = /per[ _-]?(day|month)|\b1\/(d|mo)\//i;

/** Options of {@link googleRpcStatusVerdict}. */
export interface GoogleRpcVerdictOptions {
  /**
   * Kinds of legacy `errors[].reason`s (Workspace's `userRateLimitExceeded`, ...), consulted after `ErrorInfo` and
   * before the canonical code. Own keys only.
   */
  readonly legacyReasons?: Readonly<Record<string, ErrorKind>>;
}

/**
 * A `classify` verdict for a read envelope: the kind from `ErrorInfo.reason`, else a legacy reason (when the adapter
 * names them), else the canonical code; a throttle is `quota_exceeded` when its quota is per day or per month.
 * Code is the reason (else the canonical name), message `error.message` (else the localized one); `RetryInfo` is
 * `retryAfterMs`, `BadRequest` the field errors, `RequestInfo` the request id, and the violated quota limit
 * (`quota_limit` metadata or `QuotaFailure.quotaId`) the rate-limit scope.
 *
 * @example
 * classify: (ctx) => { const s = readGoogleRpcStatus(ctx.body); return s && googleRpcStatusVerdict(s); },
 */
export function googleRpcStatusVerdict(s: GoogleRpcStatus, options: GoogleRpcVerdictOptions = {}): ClassifyVerdict {
  const info = s.errorInfo;
  const legacy = s.errors[0]?.reason;
  const rule = own(STATUS_RULES, s.status);
  let kind = own(REASON_KINDS, info?.reason) ?? own(options.legacyReasons ?? {}, legacy) ?? rule?.[0];
  const metadata = info?.metadata ?? {};
  const quotaLimit = text(metadata.quota_limit) ?? s.quotaViolations.find((q) => q.quotaId)?.quotaId;
  const unit = text(metadata.quota_unit);
  if (kind === 'rate_limited' && LONG_WINDOW.test(`${quotaLimit ?? ''} ${unit ?? ''}`)) {
    kind = 'quota_exceeded';
  }
  const code = info?.reason ?? legacy ?? s.status;
  const message = s.message ?? s.localizedMessage;
  const throttled = kind === 'rate_limited' || kind === 'quota_exceeded';
  return {
    ...(kind === undefined ? {} : { kind }),
    // Only the canonical code's own rule overrides the default retryability of its kind; a reason's kind keeps it.
    ...(rule !== undefined && kind === rule[0] ? { retryable: rule[1] } : {}),
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
    ...(s.retryDelayMs === undefined ? {} : { retryAfterMs: s.retryDelayMs }),
    ...(s.fieldViolations.length === 0 ? {} : { fieldErrors: s.fieldViolations }),
    ...(s.requestId === undefined ? {} : { requestId: s.requestId }),
    ...(throttled && quotaLimit !== undefined ? { rateLimit: { scope: quotaLimit } } : {}),
    ...(s.status === 'DEADLINE_EXCEEDED' ? { possiblyProcessed: true } : {}),
  };
}
