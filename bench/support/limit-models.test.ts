// Each limits-benchmark model against its adapter, without a network or a clock: the simulator's limit is driven at
// fixed times, its refusal must read as the throttle or quota the adapter's fixture says it is, and its state headers
// must be ones the adapter's own bucket reader understands. A model whose answers the adapter misreads would measure
// nothing.
import { type Adapter, normalizeResponse } from '@rosetta/core';
import { airtable } from '@rosetta/airtable';
import { asana } from '@rosetta/asana';
import { bamboohr } from '@rosetta/bamboohr';
import { google } from '@rosetta/google';
import { hubspot } from '@rosetta/hubspot';
import { intercom } from '@rosetta/intercom';
import { jira } from '@rosetta/jira';
import { linear } from '@rosetta/linear';
import { microsoftGraph } from '@rosetta/microsoft-graph';
import { notion } from '@rosetta/notion';
import { quickbooks } from '@rosetta/quickbooks';
import { salesforce } from '@rosetta/salesforce';
import { shopify } from '@rosetta/shopify';
import { twilio } from '@rosetta/twilio';
import { xero } from '@rosetta/xero';
import { zendesk } from '@rosetta/zendesk';
import { describe, expect, it } from 'vitest';
import { createLimit } from '../../packages/testkit/src/simulator/limits/create-limit';
import type { LimitVerdict } from '../../packages/testkit/src/simulator/limits/limit-runtime';
import { expandRoute, LIMIT_MODELS, type LimitModel } from './limit-models';

const ADAPTERS: Readonly<Record<string, Adapter>> = {
  airtable,
  asana,
  bamboohr,
  google,
  hubspot,
  intercom,
  jira,
  linear,
  'microsoft-graph': microsoftGraph,
  notion,
  quickbooks,
  salesforce,
  shopify,
  twilio,
  xero,
  zendesk,
};
// A whole day (so fixed windows of a second and of a day start here), a Monday in 2030.
const T = 1_900_800_000_000;

/** Offers the model's main calls to its simulated limits, all at time T, until one is refused. */
function drive(model: LimitModel): { ok: LimitVerdict; refused: LimitVerdict } {
  const limits = model.limits.map(createLimit);
  let ok: LimitVerdict | undefined;
  for (let i = 0; i < 2_000; i++) {
    const call = model.main(i);
    const request = { method: call.method, path: expandRoute(call), body: JSON.stringify(call.body ?? '') };
    const verdicts = limits.map((l) => l.admit(request, T)).filter((v) => v !== undefined);
    const refused = verdicts.find((v) => v.refusal !== undefined);
    if (refused !== undefined && ok !== undefined) return { ok, refused };
    ok ??= { headers: Object.assign({}, ...verdicts.map((v) => v.headers)) };
  }
  throw new Error(`${model.id}: never refused`);
}

const adapterModels = LIMIT_MODELS.filter((m) => ADAPTERS[m.rosetta.adapter] !== undefined);

describe('limits benchmark models', () => {
  it('has a row for every adapter with declared buckets', () => {
    expect(new Set(adapterModels.map((m) => m.rosetta.adapter))).toEqual(new Set(Object.keys(ADAPTERS)));
  });

  it.each(adapterModels.map((m) => [m.id, m] as const))(
    '%s: the refusal reads as its throttle or quota, the state as the adapter reads it',
    (_id, model) => {
      const adapter = ADAPTERS[model.rosetta.adapter] as Adapter;
      const { ok, refused } = drive(model);
      const answer = refused.refusal?.answer;
      // A template the simulator does not know stays as written: no header may still hold one.
      expect(Object.values({ ...ok.headers, ...answer?.headers }).join(' ')).not.toMatch(/\{\w+\}/);
      const call = model.main(0);
      const error = normalizeResponse(adapter, {
        status: answer?.status ?? 0,
        headers: answer?.headers ?? {},
        body: answer?.body,
        method: call.method,
        url: `https://provider.example${expandRoute(call)}`,
      });
      const quotaRefused = model.quota !== undefined && refused.refusal?.by === model.quota.by;
      expect(error?.kind).toBe(quotaRefused ? 'quota_exceeded' : 'rate_limited');
      // Every header a success carries is read by one of the adapter's buckets (or core's rateLimitHeaders).
      if (Object.keys(ok.headers).length > 0) {
        const response = {
          status: 200,
          headers: ok.headers,
          body: {},
          now: T,
          rateLimit: undefined,
          throttle: undefined,
        };
        const read = (adapter.limits ?? []).some((b) => b.observe?.(response) !== undefined);
        const named = Object.values(adapter.rateLimitHeaders ?? {}).some(
          (h) => typeof h === 'string' && h in ok.headers,
        );
        expect(read || named).toBe(true);
      }
    },
  );
});
