// How Microsoft Graph's answers read in Rosetta's model beyond core's status table: the workload codes of its OData
// error bodies (the most specific code the adapter knows wins, as the errors page asks), delta resyncs, claims
// challenges, and storage quotas.
import {
  type ClassifyContext,
  type ClassifyVerdict,
  type ErrorKind,
  odataErrorVerdict,
  readODataError,
} from '@rosetta/core';
import { readClaimsChallenge } from './claims-challenge';

/**
 * Codes whose meaning the status alone does not give, by lower-cased code (Graph's workloads spell the same code
 * in several cases: `resyncRequired`, `ResyncRequired`). Sources: learn.microsoft.com/graph/errors (basic and
 * detailed codes), the throttling pages, driveItem delta and delta-query-overview; Exchange and directory codes as
 * the workloads send them (see docs/providers/microsoft-graph.md).
 */
const GRAPH_KINDS: Readonly<Record<string, ErrorKind>> = {
  accessdenied: 'permission',
  accessrestricted: 'permission',
  authorization_requestdenied: 'permission',
  erroraccessdenied: 'permission',
  invalidauthenticationtoken: 'authentication',
  unauthenticated: 'authentication',
  itemnotfound: 'not_found',
  erroritemnotfound: 'not_found',
  request_resourcenotfound: 'not_found',
  namealreadyexists: 'conflict',
  resourcemodified: 'conflict',
  directory_concurrencyviolation: 'conflict',
  activitylimitreached: 'rate_limited',
  throttledrequest: 'rate_limited',
  toomanyrequests: 'rate_limited',
  applicationthrottled: 'rate_limited',
  // Storage quotas (OneDrive, a mailbox): no time window frees them; see STORAGE below.
  quotalimitreached: 'payment_required',
  errorquotaexceeded: 'payment_required',
  servicenotavailable: 'unavailable',
  notsupported: 'unsupported',
  // The delta token is no longer valid: start the delta query again (RESYNC below).
  resyncrequired: 'conflict',
  resyncapplydifferences: 'conflict',
  resyncuploaddifferences: 'conflict',
  resyncchangesapplydifferences: 'conflict',
  resyncchangesuploaddifferences: 'conflict',
  syncstatenotfound: 'conflict',
};

/** The codes that mean "restart the delta query from scratch". */
const RESYNC = /^(?:resync|syncstatenotfound$)/;
/** A delta query: `/users/delta`, `/me/drive/root/delta(token='…')`, `/…/microsoft.graph.delta()`. */
const DELTA_PATH = /\/(?:microsoft\.graph\.)?delta(?:\(|\/?$)/i;

const kindOf = (code: string): ErrorKind | undefined => {
  const key = code.toLowerCase();
  return Object.hasOwn(GRAPH_KINDS, key) ? GRAPH_KINDS[key] : undefined;
};

/** The most specific code the adapter knows, searching from the innermost `innerError` out; else the basic code. */
function knownCode(codes: readonly string[]): { code: string; kind: ErrorKind } | undefined {
  for (let i = codes.length - 1; i >= 0; i--) {
    const code = codes[i] as string;
    const kind = kindOf(code);
    if (kind !== undefined) return { code, kind };
  }
  return undefined;
}

/**
 * A resync: the delta token expired or the tenant was migrated. The same request fails again; the caller drops its
 * delta token and starts over (from the `Location` header when Graph sends one). Kind `conflict`: local sync state
 * no longer matches the server's; the code stays Graph's, which says how to merge (apply or upload differences).
 */
function resyncVerdict(ctx: ClassifyContext, base: ClassifyVerdict, code: string | undefined): ClassifyVerdict {
  const restart =
    ctx.headers.location === undefined ? 'from scratch' : 'from the URL in the Location header (a new nextLink)';
  const said = base.message ?? 'Delta token no longer valid';
  return {
    ...base,
    kind: 'conflict',
    retryable: false,
    code: code ?? 'resyncRequired',
    message: `${said} (delta resync required: restart the delta query ${restart})`,
  };
}

/**
 * Microsoft Graph's own reading of a response, on top of core's defaults; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyMicrosoftGraph });
 */
export function classifyMicrosoftGraph(ctx: ClassifyContext): ClassifyVerdict | undefined {
  // 2xx are successes, a `$batch` 200 with failed items included, as the official SDKs read it (see graphWarnings).
  if (ctx.defaults === null) return undefined;
  const { requestId: dashed, ...said } = odataErrorVerdict(ctx.body) ?? {};
  // Graph's own id: the `request-id` header, else the body's innerError (batch items have no header), and only then
  // the `client-request-id` echo core found. Answers spell it `request-id`; the errors page's example `requestId`.
  const camel = (ctx.body as { error?: { innerError?: { requestId?: unknown } } } | null)?.error?.innerError?.requestId;
  const requestId = dashed ?? (typeof camel === 'string' && camel !== '' ? camel : undefined);
  const base: ClassifyVerdict =
    requestId === undefined || ctx.headers['request-id'] !== undefined ? said : { ...said, requestId };
  const codes = readODataError(ctx.body)?.codes ?? [];
  const known = knownCode(codes);

  // A claims challenge (Continuous Access Evaluation, Conditional Access): only a new token carrying these claims
  // passes; this token fails again however often it is resent.
  const challenge = readClaimsChallenge(ctx.headers['www-authenticate']);
  if (challenge !== undefined && (ctx.status === 401 || ctx.status === 403)) {
    const said = base.message ?? challenge.description ?? 'Claims challenge';
    return {
      ...base,
      kind: 'authentication',
      retryable: false,
      code: 'insufficient_claims',
      message: `${said} (claims challenge: acquire a new token with the claims of the WWW-Authenticate header; see graphClaimsChallenge)`,
    };
  }
  if (known !== undefined && RESYNC.test(known.code.toLowerCase())) return resyncVerdict(ctx, base, known.code);
  // "Delta query can return a response code of 410 (gone) and a Location header ...: restart with a full
  // synchronization" (delta-query-overview); elsewhere a 410 keeps core's reading (a removed resource).
  if (ctx.status === 410 && DELTA_PATH.test(ctx.path)) return resyncVerdict(ctx, base, known?.code ?? base.code);
  if (known === undefined) {
    // 507: "The maximum storage quota has been reached" (errors page), whatever the body says.
    return ctx.status === 507 ? { ...base, kind: 'payment_required', retryable: false } : base;
  }
  // "For Directory_ConcurrencyViolation ... the request can be repeated after some delay" (errors page, 409).
  const retryable = known.code.toLowerCase() === 'directory_concurrencyviolation' ? { retryable: true } : {};
  return { ...base, kind: known.kind, code: known.code, ...retryable };
}
