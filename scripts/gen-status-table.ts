// Writes docs/status-table.md from STATUS_TABLE so that the docs cannot drift from the code. The table (reason
// phrases and the why of each mapping) lives here, not in the package: only classifyStatus() ships.
// Usage: node --import tsx scripts/gen-status-table.ts [--check]
// --check exits 1 instead of writing when the committed file is stale (for CI).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  classifyStatus,
  NOT_HTTP,
  OTHER_3XX,
  OTHER_4XX,
  OTHER_5XX,
  type StatusClass,
} from '../packages/core/src/classify/status-table';

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

// Kind and retryability come from classifyStatus, the one shipped source of truth.
function row(status: number, reason: string, options?: { note?: string }): StatusTableEntry {
  const c = classifyStatus(status) as StatusClass;
  return Object.freeze({
    status,
    reason,
    kind: c.kind,
    retryable: c.retryable,
    ...(options?.note === undefined ? {} : { note: options.note }),
  });
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
export const STATUS_TABLE: readonly StatusTableEntry[] = /* @__PURE__ */ Object.freeze([
  row(300, 'Multiple Choices', {
    note: 'several resources match (Salesforce: an external id shared by several records)',
  }),
  row(301, 'Moved Permanently', { note: REDIRECT }),
  row(302, 'Found', { note: REDIRECT }),
  row(303, 'See Other', { note: REDIRECT }),
  row(305, 'Use Proxy', { note: 'deprecated by RFC 9110; never followed' }),
  row(306, '(Unused)'),
  row(307, 'Temporary Redirect', { note: REDIRECT }),
  row(308, 'Permanent Redirect', { note: REDIRECT }),
  row(400, 'Bad Request'),
  row(401, 'Unauthorized'),
  row(402, 'Payment Required'),
  row(403, 'Forbidden', {
    note: 'several providers send rate limits and quotas as 403: their adapters reclassify',
  }),
  row(404, 'Not Found'),
  row(405, 'Method Not Allowed'),
  row(406, 'Not Acceptable'),
  row(407, 'Proxy Authentication Required'),
  row(408, 'Request Timeout'),
  row(409, 'Conflict'),
  row(410, 'Gone', { note: 'the endpoint or resource was removed for good' }),
  row(411, 'Length Required'),
  row(412, 'Precondition Failed', { note: 'an If-Match / version precondition failed: reload and retry' }),
  row(413, 'Content Too Large'),
  row(414, 'URI Too Long'),
  row(415, 'Unsupported Media Type'),
  row(416, 'Range Not Satisfiable'),
  row(417, 'Expectation Failed'),
  row(419, 'Page Expired', { note: 'unofficial (Laravel): session or CSRF token expired' }),
  row(420, 'Enhance Your Calm', { note: 'unofficial (Twitter API v1)' }),
  row(421, 'Misdirected Request', {
    note: 'the connection reached a server that cannot answer for this origin',
  }),
  row(422, 'Unprocessable Content'),
  row(423, 'Locked', { note: 'the resource is locked for now; the lock goes away' }),
  row(424, 'Failed Dependency'),
  row(425, 'Too Early', { note: 'the server will not process a replayable early-data request yet' }),
  row(426, 'Upgrade Required', { note: 'the protocol in use is no longer accepted' }),
  row(428, 'Precondition Required', { note: 'the request must be conditional (If-Match)' }),
  row(429, 'Too Many Requests'),
  row(431, 'Request Header Fields Too Large'),
  row(440, 'Login Time-out', { note: 'unofficial (IIS): session expired' }),
  row(449, 'Retry With', { note: 'unofficial (IIS): required information missing' }),
  row(450, 'Blocked by Windows Parental Controls', { note: 'unofficial (Microsoft)' }),
  row(451, 'Unavailable For Legal Reasons'),
  row(494, 'Request Header Too Large', { note: 'unofficial (nginx)' }),
  row(495, 'SSL Certificate Error', {
    note: 'unofficial (nginx): the client certificate is invalid',
  }),
  row(496, 'SSL Certificate Required', { note: 'unofficial (nginx): no client certificate sent' }),
  row(497, 'HTTP Request Sent to HTTPS Port', { note: 'unofficial (nginx): wrong base URL scheme' }),
  row(498, 'Invalid Token', { note: 'unofficial (Esri ArcGIS)' }),
  row(499, 'Client Closed Request', {
    note: 'unofficial (nginx; gRPC CANCELLED over HTTP): the request was cancelled before an answer',
  }),
  row(500, 'Internal Server Error'),
  row(501, 'Not Implemented'),
  row(502, 'Bad Gateway'),
  row(503, 'Service Unavailable'),
  row(504, 'Gateway Timeout', {
    note: 'a gateway gave up on the provider; the client did not time out',
  }),
  row(505, 'HTTP Version Not Supported'),
  row(506, 'Variant Also Negotiates', { note: 'server misconfiguration: retrying cannot help' }),
  row(507, 'Insufficient Storage', { note: 'the account or server is out of storage until someone frees some' }),
  row(508, 'Loop Detected', { note: 'server-side loop: retrying cannot help' }),
  row(509, 'Bandwidth Limit Exceeded', {
    note: 'unofficial (cPanel, Microsoft Graph): bandwidth throttling',
  }),
  row(510, 'Not Extended'),
  row(511, 'Network Authentication Required', { note: 'a captive portal wants a login' }),
  row(520, 'Web Server Returned an Unknown Error', { note: CLOUDFLARE }),
  row(521, 'Web Server Is Down', { note: CLOUDFLARE }),
  row(522, 'Connection Timed Out', { note: CLOUDFLARE }),
  row(523, 'Origin Is Unreachable', { note: CLOUDFLARE }),
  row(524, 'A Timeout Occurred', { note: CLOUDFLARE }),
  row(525, 'SSL Handshake Failed', { note: CLOUDFLARE }),
  row(526, 'Invalid SSL Certificate', { note: `${CLOUDFLARE} (the origin's certificate is invalid)` }),
  row(527, 'Railgun Error', { note: CLOUDFLARE }),
  row(528, 'Edge Error', { note: 'CDN range (Cloudflare 520-530)' }),
  row(529, 'Site Is Overloaded', { note: 'unofficial (Qualys, some AI APIs): overloaded' }),
  row(530, 'Origin DNS Error', { note: 'Cloudflare: 530 comes with a 1xxx error page' }),
  row(561, 'Unauthorized', { note: 'unofficial (AWS Elastic Load Balancer identity provider)' }),
  row(598, 'Network Read Timeout Error', { note: 'unofficial (proxies)' }),
  row(599, 'Network Connect Timeout Error', { note: 'unofficial (proxies)' }),
]);

/** How statuses without a row in {@link STATUS_TABLE} are read. */
export const STATUS_FALLBACKS: readonly StatusFallback[] = /* @__PURE__ */ Object.freeze([
  Object.freeze({
    range: '1xx, 2xx, 304',
    result: null,
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

/** Where the generated table lives. */
export const STATUS_TABLE_DOC = fileURLToPath(new URL('../docs/status-table.md', import.meta.url));

/** The markdown of docs/status-table.md. */
export function renderStatusTable(): string {
  const lines = [
    '# HTTP status table',
    '',
    '<!-- Generated by scripts/gen-status-table.ts from its STATUS_TABLE, whose kinds come from',
    '     classifyStatus() in packages/core/src/classify/status-table.ts. Do not edit by hand:',
    '     run `node --import tsx scripts/gen-status-table.ts`. -->',
    '',
    'What `classifyStatus()` reads from an HTTP status alone, before the adapter and the body refine it.',
    'The body and headers often change the verdict: a 403 with `x-ratelimit-remaining: 0` is a rate',
    'limit, an HTML page on a retryable 5xx is a gateway (`unavailable`), a server `should-retry` hint wins',
    'over `retryable`.',
    '',
    '| status | reason | kind | retryable | note |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const entry of STATUS_TABLE) {
    lines.push(
      `| ${entry.status} | ${cell(entry.reason)} | ${kindCell(entry)} | ${entry.retryable ? 'yes' : 'no'} | ${cell(entry.note ?? '')} |`,
    );
  }
  lines.push('', '## Everything else', '', '| status | kind | retryable | note |', '| --- | --- | --- | --- |');
  for (const fallback of STATUS_FALLBACKS) {
    const result = fallback.result;
    const kind = result === null ? 'none (success)' : kindCell(result);
    const retryable = result === null ? '-' : result.retryable ? 'yes' : 'no';
    lines.push(`| ${cell(fallback.range)} | ${kind} | ${retryable} | ${cell(fallback.note)} |`);
  }
  return `${lines.join('\n')}\n`;
}

function kindCell(result: StatusClass): string {
  return `\`${result.kind}\``;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function main(): void {
  const markdown = renderStatusTable();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(STATUS_TABLE_DOC, 'utf8');
    } catch {
      // A missing file is stale too.
    }
    if (current !== markdown) {
      console.error('docs/status-table.md is stale: run `node --import tsx scripts/gen-status-table.ts`');
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(STATUS_TABLE_DOC, markdown);
  console.log(`wrote ${STATUS_TABLE_DOC} (${STATUS_TABLE.length} statuses)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
