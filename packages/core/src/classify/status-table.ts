import { type ErrorKind, RETRYABLE_BY_DEFAULT } from '../errors/kinds';

/** What an HTTP status alone says about an error. */
export interface StatusClass {
  readonly kind: ErrorKind;
  readonly retryable: boolean;
}

/** One row of {@link STATUS_TABLE}: a status with its reason phrase and, where useful, why it maps so. */
export interface StatusTableEntry extends StatusClass {
  readonly status: number;
  readonly reason: string;
  readonly note?: string;
}

/** How statuses without a row of their own are read. */
export interface StatusFallback {
  /** Which statuses, in words (`other 4xx`). */
  readonly range: string;
  /** `null` means success: no error. */
  readonly result: StatusClass | null;
  readonly note: string;
}

function row(
  status: number,
  reason: string,
  kind: ErrorKind,
  options?: { retryable?: boolean; note?: string },
): StatusTableEntry {
  const entry: StatusTableEntry = {
    status,
    reason,
    kind,
    retryable: options?.retryable ?? RETRYABLE_BY_DEFAULT[kind],
    ...(options?.note === undefined ? {} : { note: options.note }),
  };
  return Object.freeze(entry);
}

const REDIRECT =
  'a redirect reaches the classifier only when it was not followed (other origin, downgrade, too many hops)';
const CLOUDFLARE = 'Cloudflare: the edge could not get a good answer from the origin';

/**
 * Every status with a mapping of its own, in ascending order. Statuses not listed fall back per
 * {@link STATUS_FALLBACKS}. Adapters refine these readings with the body and headers; this table is
 * only what the status alone says. `docs/status-table.md` is generated from it
 * (`node --import tsx scripts/gen-status-table.ts`).
 */
export const STATUS_TABLE: readonly StatusTableEntry[] = Object.freeze([
  row(300, 'Multiple Choices', 'conflict', {
    note: 'several resources match (Salesforce: an external id shared by several records)',
  }),
  row(301, 'Moved Permanently', 'invalid_response', { note: REDIRECT }),
  row(302, 'Found', 'invalid_response', { note: REDIRECT }),
  row(303, 'See Other', 'invalid_response', { note: REDIRECT }),
  row(305, 'Use Proxy', 'invalid_response', { note: 'deprecated by RFC 9110; never followed' }),
  row(306, '(Unused)', 'invalid_response'),
  row(307, 'Temporary Redirect', 'invalid_response', { note: REDIRECT }),
  row(308, 'Permanent Redirect', 'invalid_response', { note: REDIRECT }),
  row(400, 'Bad Request', 'validation'),
  row(401, 'Unauthorized', 'authentication'),
  row(402, 'Payment Required', 'payment_required'),
  row(403, 'Forbidden', 'permission', {
    note: 'several providers send rate limits and quotas as 403: their adapters reclassify',
  }),
  row(404, 'Not Found', 'not_found'),
  row(405, 'Method Not Allowed', 'unsupported'),
  row(406, 'Not Acceptable', 'validation'),
  row(407, 'Proxy Authentication Required', 'authentication'),
  row(408, 'Request Timeout', 'timeout'),
  row(409, 'Conflict', 'conflict'),
  row(410, 'Gone', 'unsupported', { note: 'the endpoint or resource was removed for good' }),
  row(411, 'Length Required', 'validation'),
  row(412, 'Precondition Failed', 'conflict', { note: 'an If-Match / version precondition failed: reload and retry' }),
  row(413, 'Content Too Large', 'validation'),
  row(414, 'URI Too Long', 'validation'),
  row(415, 'Unsupported Media Type', 'validation'),
  row(416, 'Range Not Satisfiable', 'validation'),
  row(417, 'Expectation Failed', 'validation'),
  row(419, 'Page Expired', 'authentication', { note: 'unofficial (Laravel): session or CSRF token expired' }),
  row(420, 'Enhance Your Calm', 'rate_limited', { note: 'unofficial (Twitter API v1)' }),
  row(421, 'Misdirected Request', 'unavailable', {
    note: 'the connection reached a server that cannot answer for this origin',
  }),
  row(422, 'Unprocessable Content', 'validation'),
  row(423, 'Locked', 'conflict', { retryable: true, note: 'the resource is locked for now; the lock goes away' }),
  row(424, 'Failed Dependency', 'conflict'),
  row(425, 'Too Early', 'unavailable', { note: 'the server will not process a replayable early-data request yet' }),
  row(426, 'Upgrade Required', 'unsupported', { note: 'the protocol in use is no longer accepted' }),
  row(428, 'Precondition Required', 'validation', { note: 'the request must be conditional (If-Match)' }),
  row(429, 'Too Many Requests', 'rate_limited'),
  row(431, 'Request Header Fields Too Large', 'validation'),
  row(440, 'Login Time-out', 'authentication', { note: 'unofficial (IIS): session expired' }),
  row(449, 'Retry With', 'validation', { note: 'unofficial (IIS): required information missing' }),
  row(450, 'Blocked by Windows Parental Controls', 'permission', { note: 'unofficial (Microsoft)' }),
  row(451, 'Unavailable For Legal Reasons', 'permission'),
  row(494, 'Request Header Too Large', 'validation', { note: 'unofficial (nginx)' }),
  row(495, 'SSL Certificate Error', 'authentication', {
    note: 'unofficial (nginx): the client certificate is invalid',
  }),
  row(496, 'SSL Certificate Required', 'authentication', { note: 'unofficial (nginx): no client certificate sent' }),
  row(497, 'HTTP Request Sent to HTTPS Port', 'validation', { note: 'unofficial (nginx): wrong base URL scheme' }),
  row(498, 'Invalid Token', 'authentication', { note: 'unofficial (Esri ArcGIS)' }),
  row(499, 'Client Closed Request', 'aborted', {
    note: 'unofficial (nginx; gRPC CANCELLED over HTTP): the request was cancelled before an answer',
  }),
  row(500, 'Internal Server Error', 'server'),
  row(501, 'Not Implemented', 'unsupported'),
  row(502, 'Bad Gateway', 'unavailable'),
  row(503, 'Service Unavailable', 'unavailable'),
  row(504, 'Gateway Timeout', 'unavailable', {
    note: 'a gateway gave up on the provider; the client did not time out',
  }),
  row(505, 'HTTP Version Not Supported', 'unsupported'),
  row(506, 'Variant Also Negotiates', 'server', {
    retryable: false,
    note: 'server misconfiguration: retrying cannot help',
  }),
  row(507, 'Insufficient Storage', 'unavailable', {
    retryable: false,
    note: 'the account or server is out of storage until someone frees some',
  }),
  row(508, 'Loop Detected', 'server', { retryable: false, note: 'server-side loop: retrying cannot help' }),
  row(509, 'Bandwidth Limit Exceeded', 'rate_limited', {
    note: 'unofficial (cPanel, Microsoft Graph): bandwidth throttling',
  }),
  row(510, 'Not Extended', 'unsupported'),
  row(511, 'Network Authentication Required', 'authentication', { note: 'a captive portal wants a login' }),
  row(520, 'Web Server Returned an Unknown Error', 'unavailable', { note: CLOUDFLARE }),
  row(521, 'Web Server Is Down', 'unavailable', { note: CLOUDFLARE }),
  row(522, 'Connection Timed Out', 'unavailable', { note: CLOUDFLARE }),
  row(523, 'Origin Is Unreachable', 'unavailable', { note: CLOUDFLARE }),
  row(524, 'A Timeout Occurred', 'unavailable', { note: CLOUDFLARE }),
  row(525, 'SSL Handshake Failed', 'unavailable', { note: CLOUDFLARE }),
  row(526, 'Invalid SSL Certificate', 'unavailable', { note: `${CLOUDFLARE} (the origin's certificate is invalid)` }),
  row(527, 'Railgun Error', 'unavailable', { note: CLOUDFLARE }),
  row(528, 'Edge Error', 'unavailable', { note: 'CDN range (Cloudflare 520-530)' }),
  row(529, 'Site Is Overloaded', 'unavailable', { note: 'unofficial (Qualys, some AI APIs): overloaded' }),
  row(530, 'Origin DNS Error', 'unavailable', { note: 'Cloudflare: 530 comes with a 1xxx error page' }),
  row(561, 'Unauthorized', 'authentication', { note: 'unofficial (AWS Elastic Load Balancer identity provider)' }),
  row(598, 'Network Read Timeout Error', 'timeout', { note: 'unofficial (proxies)' }),
  row(599, 'Network Connect Timeout Error', 'network', { note: 'unofficial (proxies)' }),
]);

const SUCCESS: null = null;
const OTHER_3XX: StatusClass = Object.freeze({ kind: 'invalid_response', retryable: false });
const OTHER_4XX: StatusClass = Object.freeze({ kind: 'validation', retryable: false });
const OTHER_5XX: StatusClass = Object.freeze({ kind: 'server', retryable: true });
const NOT_HTTP: StatusClass = Object.freeze({ kind: 'invalid_response', retryable: false });

/** How statuses without a row in {@link STATUS_TABLE} are read. */
export const STATUS_FALLBACKS: readonly StatusFallback[] = Object.freeze([
  Object.freeze({
    range: '1xx, 2xx, 304',
    result: SUCCESS,
    note: 'success: no error (304 answers a conditional request)',
  }),
  Object.freeze({ range: 'other 3xx', result: OTHER_3XX, note: REDIRECT }),
  Object.freeze({
    range: 'other 4xx',
    result: OTHER_4XX,
    note: 'RFC 9110 §15: an unknown status is read as the x00 of its class (400)',
  }),
  Object.freeze({
    range: 'other 5xx',
    result: OTHER_5XX,
    note: 'RFC 9110 §15: an unknown status is read as the x00 of its class (500)',
  }),
  Object.freeze({ range: 'below 100, above 599, not an integer', result: NOT_HTTP, note: 'not an HTTP status' }),
]);

// Indexed by status: one array read per call, no allocation.
const BY_STATUS: readonly (StatusClass | undefined)[] = (() => {
  const table: (StatusClass | undefined)[] = new Array(600).fill(undefined);
  for (const entry of STATUS_TABLE)
    table[entry.status] = Object.freeze({ kind: entry.kind, retryable: entry.retryable });
  return table;
})();

/**
 * What an HTTP status alone says: `null` for a success (1xx, 2xx, and 304 Not Modified, which
 * answers a conditional request), else the kind and whether retrying can help.
 *
 * Every status has an answer: listed ones per {@link STATUS_TABLE}, others per
 * {@link STATUS_FALLBACKS}. The returned objects are shared and frozen.
 *
 * @example
 * classifyStatus(429); // { kind: 'rate_limited', retryable: true }
 * classifyStatus(204); // null
 */
export function classifyStatus(status: number): StatusClass | null {
  if (!Number.isInteger(status) || status < 100 || status > 599) return NOT_HTTP;
  if (status < 300 || status === 304) return SUCCESS;
  const entry = BY_STATUS[status];
  if (entry !== undefined) return entry;
  return status < 400 ? OTHER_3XX : status < 500 ? OTHER_4XX : OTHER_5XX;
}
