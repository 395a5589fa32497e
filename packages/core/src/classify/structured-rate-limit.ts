import { parseLeadingDecimal } from './decimal';
import type { HeaderMap } from './header-map';

/** What the IETF `RateLimit` / `RateLimit-Policy` fields said, before any time arithmetic. */
export interface StructuredRateLimit {
  readonly limit?: number;
  readonly remaining?: number;
  /** Seconds until the window resets, as sent (`t=` or `reset=`). */
  readonly resetSeconds?: number;
  /** The policy name the numbers belong to. */
  readonly scope?: string;
}

/** One member of a structured-field list or dictionary: `"name";r=0;t=30` or `limit=100`. */
interface Member {
  key: string | undefined;
  item: string;
  params: Record<string, string>;
}

// A real field has one to three policies; anything past this is noise or an attack.
const MAX_MEMBERS = 16;

/**
 * Reads the IETF rate-limit fields of draft-ietf-httpapi-ratelimit-headers: the current list form
 * (`RateLimit: "default";r=0;t=30`, `RateLimit-Policy: "default";q=100;w=60`) and the older
 * dictionary form (`RateLimit: limit=100, remaining=0, reset=30`, `RateLimit-Policy: 100;w=60`).
 * With several policies the most constraining one (least remaining) is reported.
 *
 * @returns undefined when neither field is present or nothing in them parsed.
 * @example
 * parseStructuredRateLimit(toHeaderMap({ RateLimit: '"default";r=0;t=30' }));
 * // { remaining: 0, resetSeconds: 30, scope: 'default' }
 */
export function parseStructuredRateLimit(headers: HeaderMap): StructuredRateLimit | undefined {
  const field = headers.ratelimit;
  const policyField = headers['ratelimit-policy'];
  if (field === undefined && policyField === undefined) return undefined;

  let limit: number | undefined;
  let remaining: number | undefined;
  let resetSeconds: number | undefined;
  let scope: string | undefined;

  if (field !== undefined) {
    let chosen: Member | undefined;
    let chosenRemaining: number | undefined;
    for (const member of parseMembers(field)) {
      if (member.key !== undefined) {
        // Older dictionary form: one policy spread over several members.
        const n = parseLeadingDecimal(member.item);
        if (member.key === 'limit') limit = n;
        else if (member.key === 'remaining') remaining = n;
        else if (member.key === 'reset') resetSeconds = n;
        continue;
      }
      const r = numberParam(member, 'r');
      if (chosen === undefined || (r !== undefined && (chosenRemaining === undefined || r < chosenRemaining))) {
        chosen = member;
        chosenRemaining = r;
      }
    }
    if (chosen !== undefined) {
      remaining = chosenRemaining;
      resetSeconds = numberParam(chosen, 't');
      scope = policyName(chosen);
    }
  }

  if (policyField !== undefined && limit === undefined) {
    // The quota belongs to the policy RateLimit named; a lone policy needs no name to match.
    let count = 0;
    let lone: { quota: number; name: string | undefined } | undefined;
    for (const policy of parseMembers(policyField)) {
      if (policy.key !== undefined) continue;
      const bare = parseLeadingDecimal(policy.item);
      const quota = bare ?? numberParam(policy, 'q');
      if (quota === undefined) continue;
      const name = bare === undefined ? policyName(policy) : undefined;
      if (scope !== undefined && name === scope) {
        limit = quota;
        break;
      }
      count++;
      lone = { quota, name };
    }
    if (limit === undefined && count === 1 && lone !== undefined && (scope === undefined || lone.name === undefined)) {
      limit = lone.quota;
      scope ??= lone.name;
    }
  }

  if (limit === undefined && remaining === undefined && resetSeconds === undefined && scope === undefined) {
    return undefined;
  }
  const out: { -readonly [K in keyof StructuredRateLimit]: StructuredRateLimit[K] } = {};
  if (limit !== undefined) out.limit = limit;
  if (remaining !== undefined) out.remaining = remaining;
  if (resetSeconds !== undefined) out.resetSeconds = resetSeconds;
  if (scope !== undefined) out.scope = scope;
  return out;
}

function numberParam(member: Member, name: string): number | undefined {
  const raw = member.params[name];
  return raw === undefined ? undefined : parseLeadingDecimal(raw);
}

function policyName(member: Member): string | undefined {
  const name = member.item.trim();
  return name.length > 0 && name.length <= 100 ? name : undefined;
}

// A small, forgiving RFC 8941 reader: enough for these two fields, never throws, stops at
// MAX_MEMBERS. Tokens end at a delimiter; quoted strings honour backslash escapes.
function parseMembers(text: string): Member[] {
  const members: Member[] = [];
  let i = 0;
  const n = text.length;
  while (i < n && members.length < MAX_MEMBERS) {
    i = skipWs(text, i);
    let key: string | undefined;
    let [item, next] = readValue(text, i);
    i = skipWs(text, next);
    if (i < n && text.charCodeAt(i) === 61 /* = */ && text.charCodeAt(next - 1) !== 34 /* " */) {
      key = item.toLowerCase();
      [item, next] = readValue(text, skipWs(text, i + 1));
      i = skipWs(text, next);
    }
    const params: Record<string, string> = Object.create(null);
    while (i < n && text.charCodeAt(i) === 59 /* ; */) {
      const [name, afterName] = readValue(text, skipWs(text, i + 1));
      i = skipWs(text, afterName);
      let value = '?1';
      if (i < n && text.charCodeAt(i) === 61 /* = */) {
        [value, i] = readValue(text, skipWs(text, i + 1));
        i = skipWs(text, i);
      }
      if (name.length > 0) params[name.toLowerCase()] = value;
    }
    members.push({ key, item, params });
    // Skip whatever junk precedes the next member.
    const comma = text.indexOf(',', i);
    if (comma < 0) break;
    i = comma + 1;
  }
  return members;
}

/** Reads a quoted string or a bare token at `start`; returns its text and the index after it. */
function readValue(text: string, start: number): [string, number] {
  const n = text.length;
  if (start < n && text.charCodeAt(start) === 34 /* " */) {
    let out = '';
    let i = start + 1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) return [out, i + 1];
      if (c === 92 /* \ */ && i + 1 < n) i++;
      out += text[i];
      i++;
    }
    return [out, n];
  }
  let i = start;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 44 /* , */ || c === 59 /* ; */ || c === 61 /* = */ || c === 32 || c === 9) break;
    i++;
  }
  return [text.slice(start, i), i];
}

function skipWs(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}
