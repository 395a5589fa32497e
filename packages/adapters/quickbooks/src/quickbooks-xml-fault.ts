// QuickBooks Online speaks XML natively (JSON only when asked with `Accept: application/json`), and core reads an XML
// body as text. This reads the few members of a Fault from that text without an XML library: a Fault's shape is
// fixed by Intuit's schema (IntuitRestServiceDef.xsd: `Fault@type`, `Error@code`, `Error@element`, `Message`,
// `Detail`), and anything else in the document is skipped. Scans are `indexOf` walks over a bounded prefix, so a
// hostile body costs linear time.
import {
  faultError,
  type QuickbooksBatchFaults,
  type QuickbooksFault,
  type QuickbooksItemFault,
} from './quickbooks-error-body';

/** Characters of a body looked at: real Faults are a few hundred; a batch answer of 30 items a few dozen kilobytes. */
const MAX_XML_CHARS = 262_144;
const MAX_TAG_CHARS = 2_048;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text content: CDATA kept, entities decoded (`&lt;`, `&#233;`, `&#xE9;`), outer whitespace trimmed. */
function decode(raw: string): string {
  return unwrapCdata(raw)
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
      const point = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    })
    .trim();
}

/** `<![CDATA[x]]>` -> `x`, by an `indexOf` walk (a lazy regex would rescan the rest for every unclosed one). */
function unwrapCdata(raw: string): string {
  let out = '';
  let from = 0;
  for (let at = raw.indexOf('<![CDATA[', from); at >= 0; at = raw.indexOf('<![CDATA[', from)) {
    const end = raw.indexOf(']]>', at + 9);
    if (end < 0) break;
    out += raw.slice(from, at) + raw.slice(at + 9, end);
    from = end + 3;
  }
  return out + raw.slice(from);
}

/** Where the start tag `<name` (not `<names`) begins at or after `from`, or -1. */
function openTag(xml: string, name: string, from: number, to = xml.length): number {
  for (let at = xml.indexOf(`<${name}`, from); at >= 0 && at < to; at = xml.indexOf(`<${name}`, at + 1)) {
    const next = xml.charAt(at + name.length + 1);
    if (next === '>' || next === '/' || next === ' ' || next === '\t' || next === '\n' || next === '\r') return at;
  }
  return -1;
}

/** The value of attribute `name` in a start tag's text (`<Error code="3200" element="">`). */
function attribute(tag: string, name: string): string | undefined {
  // Real start tags are short; a bound keeps a hostile one from costing more.
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag.slice(0, MAX_TAG_CHARS));
  if (match === null) return undefined;
  const value = decode(match[1] ?? match[2] ?? '');
  return value === '' ? undefined : value;
}

/** The text of the first `<name>...</name>` between `from` and `to`. */
function childText(xml: string, name: string, from: number, to: number): string | undefined {
  const at = openTag(xml, name, from, to);
  if (at < 0) return undefined;
  const start = xml.indexOf('>', at);
  if (start < 0 || xml.charAt(start - 1) === '/') return undefined;
  const end = xml.indexOf(`</${name}>`, start);
  if (end < 0 || end > to) return undefined;
  const value = decode(xml.slice(start + 1, end));
  return value === '' ? undefined : value;
}

/** The Fault whose start tag is at `at`, read up to its end tag (or `to`). */
function faultAt(xml: string, at: number, to: number): QuickbooksFault {
  const tagEnd = xml.indexOf('>', at);
  const closeAt = xml.indexOf('</Fault>', at);
  const end = closeAt < 0 || closeAt > to ? to : closeAt;
  const errors = [];
  for (let e = openTag(xml, 'Error', at, end); e >= 0; ) {
    const startEnd = xml.indexOf('>', e);
    if (startEnd < 0) break;
    const closeError = xml.indexOf('</Error>', startEnd);
    const errorEnd = closeError < 0 || closeError > end ? end : closeError;
    const tag = xml.slice(e, startEnd);
    errors.push(
      faultError(
        attribute(tag, 'code'),
        childText(xml, 'Message', startEnd, errorEnd),
        childText(xml, 'Detail', startEnd, errorEnd),
        attribute(tag, 'element'),
      ),
    );
    e = openTag(xml, 'Error', errorEnd, end);
  }
  return { type: tagEnd < 0 ? undefined : attribute(xml.slice(at, tagEnd), 'type'), errors };
}

const bounded = (text: string): string => (text.length > MAX_XML_CHARS ? text.slice(0, MAX_XML_CHARS) : text);
/** The element a batch or upload answer repeats per item. */
const itemTag = (xml: string): string | undefined =>
  ['BatchItemResponse', 'AttachableResponse'].find((name) => openTag(xml, name, 0) >= 0);

/**
 * The Fault of an XML body that is not a batch answer (`<IntuitResponse><Fault>`, `<QueryResponse><Fault>`), or
 * undefined: no Fault, a batch answer, or not XML at all (a text or HTML body never holds `<Fault `).
 */
export function readXmlFault(text: string): QuickbooksFault | undefined {
  const xml = bounded(text);
  if (itemTag(xml) !== undefined) return undefined;
  const at = openTag(xml, 'Fault', 0);
  return at < 0 ? undefined : faultAt(xml, at, xml.length);
}

/** The per-item Faults of an XML batch or upload answer (`<BatchItemResponse bId="1"><Fault>`), or undefined. */
export function readXmlBatch(text: string): QuickbooksBatchFaults | undefined {
  const xml = bounded(text);
  const name = itemTag(xml);
  if (name === undefined) return undefined;
  const faults: QuickbooksItemFault[] = [];
  let items = 0;
  for (let at = openTag(xml, name, 0); at >= 0; ) {
    items++;
    const next = openTag(xml, name, at + 1);
    const end = next < 0 ? xml.length : next;
    const fault = openTag(xml, 'Fault', at, end);
    if (fault >= 0) {
      const tagEnd = xml.indexOf('>', at);
      faults.push({
        bId: tagEnd < 0 ? undefined : attribute(xml.slice(at, tagEnd), 'bId'),
        fault: faultAt(xml, fault, end),
      });
    }
    at = next;
  }
  return { items, faults };
}
