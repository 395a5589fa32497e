// One DNS label of a Twilio host: a product (`api`, `verify`, `preview-iam`), an edge (`sydney`) or a region (`au1`).
// Anything else (`evil.com#`, `a.b`) must never point the client, and its credentials, at another host.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Where a client's requests go: Twilio's edge location and data region (twilio.com/docs/global-infrastructure). */
export interface TwilioLocation {
  /** An edge location, e.g. `sydney`; without a region it goes with `us1`, as in the official SDK. */
  readonly edge?: string;
  /** A processing region, e.g. `au1`, `ie1`. */
  readonly region?: string;
}

/**
 * The base URL of one Twilio product API: `https://api.twilio.com` (REST API 2010), `https://verify.twilio.com`,
 * `https://comms.twilio.com`, ..., with an edge and region as the official SDK builds them
 * (`{product}.{edge}.{region}.twilio.com`, twilio-node src/base/BaseTwilio.ts `getHostname`). Throws a `TypeError`
 * for a name that is not a DNS label.
 *
 * @example
 * twilioUrl('verify'); // 'https://verify.twilio.com'
 * twilioUrl('api', { edge: 'sydney', region: 'au1' }); // 'https://api.sydney.au1.twilio.com'
 */
export function twilioUrl(product: string, location: TwilioLocation = {}): string {
  const region = location.region ?? (location.edge === undefined ? undefined : 'us1');
  const labels = [product, location.edge, region].filter((label) => label !== undefined);
  if (!labels.every((label) => LABEL.test(label))) {
    throw new TypeError('twilioUrl: product, edge and region must be lower-case DNS labels');
  }
  return `https://${labels.join('.')}.twilio.com`;
}
