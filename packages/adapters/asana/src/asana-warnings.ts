/** Response headers, names lower-cased (core's `HeaderMap`). */
type ResponseHeaders = Readonly<Record<string, string>>;

// "Asana-Change: name=security_headers;info=https://asa.na/api-sh;affected=true": one header per ongoing change,
// "present multiple times in the response if there are multiple ongoing changes" (deprecations docs); a fetch
// `Headers` joins repeated values with ", ", so each change starts at a `name=`.
const CHANGE_START = /,\s*(?=name=)/;

/** One `Asana-Change` entry: the change's name, the link describing it, and whether this request is affected. */
export interface AsanaChange {
  readonly name: string;
  readonly info?: string | undefined;
  /** `true` only when Asana says this request is affected; Asana never says `affected=false`. */
  readonly affected: boolean;
}

/**
 * The `Asana-Change` header's entries (every `name=...;info=...;affected=true` change), `[]` without the header.
 * Pure; an entry without a `name` is skipped.
 *
 * @see https://developers.asana.com/docs/deprecations
 * @example
 * readAsanaChanges('name=security_headers;info=https://asa.na/api-sh;affected=true');
 * // [{ name: 'security_headers', info: 'https://asa.na/api-sh', affected: true }]
 */
export function readAsanaChanges(header: string | undefined): AsanaChange[] {
  if (header === undefined) return [];
  return header.split(CHANGE_START).flatMap((entry) => {
    const fields = new Map<string, string>();
    for (const part of entry.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    const name = fields.get('name');
    if (name === undefined || name === '') return [];
    return [{ name, info: fields.get('info'), affected: fields.get('affected') === 'true' }];
  });
}

/**
 * Warnings of a successful Asana response: each upcoming breaking change its `Asana-Change` headers announce, said
 * "affects this request" when Asana flags it. Asana asks integrations to log every such header and to opt in or out
 * with `Asana-Enable` / `Asana-Disable`; the official SDKs print only affected changes not opted into, which a
 * warning handler can filter the same way. Pure; `[]` otherwise.
 *
 * @see https://developers.asana.com/docs/deprecations
 * @example
 * asanaWarnings({}, { 'asana-change': 'name=new_goal_memberships;info=https://asa.na/api-gm;affected=true' });
 * // ['Asana-Change new_goal_memberships affects this request: https://asa.na/api-gm (opt in or out with Asana-Enable / Asana-Disable)']
 */
export function asanaWarnings(_body: unknown, headers: ResponseHeaders): string[] {
  return readAsanaChanges(headers['asana-change']).map((change) => {
    const how = change.affected ? 'affects this request' : 'is coming';
    const info = change.info === undefined || change.info === '' ? '' : `: ${change.info}`;
    return `Asana-Change ${change.name} ${how}${info} (opt in or out with Asana-Enable / Asana-Disable)`;
  });
}
