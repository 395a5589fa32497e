// Microbenchmark: normalizeResponse on a typical ~1 KB JSON error (target <= 5 µs median).
// Run just this one (source, no build): node --conditions=source --import tsx bench/normalize.bench.ts
import { genericAdapter, normalizeResponse } from '@rosetta/core';
import { github } from '@rosetta/github';
import { slack } from '@rosetta/slack';
import { stripe } from '@rosetta/stripe';

const stripeBody = {
  error: {
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
    param: 'payment_method',
    doc_url: 'https://stripe.com/docs/error-codes/card-declined',
    request_log_url: 'https://dashboard.stripe.com/test/logs/req_FAKE0001?t=1700000000',
    charge: 'ch_FAKE0001',
    payment_method: {
      id: 'pm_FAKE0001',
      object: 'payment_method',
      type: 'card',
      card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030, country: 'US', funding: 'credit' },
      billing_details: {
        address: { city: null, country: null, line1: null, line2: null, postal_code: '12345', state: null },
        email: null,
        name: 'Jenny Rosen',
        phone: null,
      },
    },
  },
};
const headers = {
  'content-type': 'application/json',
  'request-id': 'req_FAKE0001',
  'stripe-version': '2024-06-20',
  date: 'Tue, 24 Nov 2026 22:00:00 GMT',
};
const cases = [
  {
    name: 'stripe 402 card_declined (~1 KB)',
    adapter: stripe,
    input: { status: 402, headers, body: stripeBody, method: 'POST', url: 'https://api.stripe.com/v1/payment_intents' },
  },
  {
    name: 'stripe same body as a JSON string',
    adapter: stripe,
    input: {
      status: 402,
      headers,
      body: JSON.stringify(stripeBody),
      method: 'POST',
      url: 'https://api.stripe.com/v1/payment_intents',
    },
  },
  {
    // What the client hands classifyResponse: the bytes as read, parsed once inside.
    name: 'stripe same body as bytes',
    adapter: stripe,
    input: {
      status: 402,
      headers,
      body: new TextEncoder().encode(JSON.stringify(stripeBody)),
      method: 'POST',
      url: 'https://api.stripe.com/v1/payment_intents',
    },
  },
  {
    name: 'github 403 primary rate limit',
    adapter: github,
    input: {
      status: 403,
      headers: {
        'content-type': 'application/json',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60),
        'x-ratelimit-limit': '5000',
        'x-github-request-id': 'FAKE:1',
      },
      body: {
        message: 'API rate limit exceeded for user ID 1.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
      method: 'GET',
      url: 'https://api.github.com/repos/a/b',
    },
  },
  {
    name: 'slack 200 ok:false',
    adapter: slack,
    input: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { ok: false, error: 'channel_not_found' },
      method: 'POST',
      url: 'https://slack.com/api/chat.postMessage',
    },
  },
  {
    name: 'generic 503',
    adapter: genericAdapter,
    input: { status: 503, headers: { 'retry-after': '2' }, body: { message: 'down' } },
  },
];
console.log(`normalizeResponse microbenchmark — ${new Date().toISOString()} — Node ${process.version}`);
console.log(`JSON size of the stripe body: ${JSON.stringify(stripeBody).length} bytes`);
for (const c of cases) {
  for (let i = 0; i < 20_000; i++) normalizeResponse(c.adapter, c.input);
  const samples: number[] = [];
  for (let round = 0; round < 200; round++) {
    const n = 200;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) normalizeResponse(c.adapter, c.input);
    samples.push(Number(process.hrtime.bigint() - t0) / n / 1000);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? 0;
  const p90 = samples[Math.floor(samples.length * 0.9)] ?? 0;
  console.log(
    `${c.name.padEnd(38)} median ${median.toFixed(2)} µs  p90 ${p90.toFixed(2)} µs  ${median <= 5 ? 'ok (<= 5 µs)' : 'MISSED (> 5 µs)'}`,
  );
}
