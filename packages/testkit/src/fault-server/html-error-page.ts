import { STATUS_CODES } from 'node:http';

/** Cloudflare's titles for its origin-failure statuses. */
const CLOUDFLARE_TITLES: Readonly<Record<number, string>> = {
  520: 'Web server is returning an unknown error',
  521: 'Web server is down',
  522: 'Connection timed out',
  523: 'Origin is unreachable',
  524: 'A timeout occurred',
  525: 'SSL handshake failed',
  526: 'Invalid SSL certificate',
};

/** Where nginx's wording differs from Node's `STATUS_CODES`. */
const NGINX_TEXT: Readonly<Record<number, string>> = { 504: 'Gateway Time-out' };

/** An HTML error page and the headers the CDN or proxy that sends it would add. */
export interface HtmlErrorPage {
  /** The HTML document. */
  body: string;
  /** Response headers, `content-type` included. */
  headers: Readonly<Record<string, string>>;
}

/**
 * The HTML page a CDN or proxy serves in place of an API's JSON: Cloudflare's page for
 * 520-526, nginx's for anything else (its 502/504 pages are the ones load balancers show).
 *
 * @example
 * htmlErrorPage(522).headers.server; // 'cloudflare'
 */
export function htmlErrorPage(status: number): HtmlErrorPage {
  const cloudflare = CLOUDFLARE_TITLES[status];
  if (cloudflare !== undefined) {
    return {
      headers: { 'content-type': 'text/html; charset=UTF-8', server: 'cloudflare', 'cf-ray': '8f1e2d3c4b5a6978-AMS' },
      body: [
        '<!DOCTYPE html>',
        '<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->',
        `<html lang="en-US"><head><title>api.example.com | ${status}: ${cloudflare}</title>`,
        '<meta charset="UTF-8" /><meta name="robots" content="noindex, nofollow" /></head>',
        '<body><div id="cf-wrapper"><div id="cf-error-details" class="p-0">',
        `<h1><span class="inline-block">${cloudflare}</span> <span class="code-label">Error code ${status}</span></h1>`,
        '<div class="cf-error-footer">Cloudflare Ray ID: <strong>8f1e2d3c4b5a6978</strong> &bull; Performance &amp; security by Cloudflare</div>',
        '</div></div></body></html>',
      ].join('\n'),
    };
  }
  const title = `${status} ${NGINX_TEXT[status] ?? STATUS_CODES[status] ?? 'Error'}`;
  return {
    headers: { 'content-type': 'text/html', server: 'nginx/1.25.3' },
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n`,
  };
}
