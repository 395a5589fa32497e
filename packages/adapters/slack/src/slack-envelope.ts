// Slack's response envelope, read by hand: zod would put 8 KB gzipped into every app bundle for these few
// members (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shape, with its sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.
// Every member is read on its own: one odd member (a number where a string was due) must not throw away
// the rest of the envelope. Lists stay `unknown[]` so that one odd entry does not drop its neighbours.

type JsonObject = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): readonly unknown[] | undefined => (Array.isArray(value) ? value : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** The members of a Slack Web API envelope that classification and warnings read (`slackEnvelopeSchema`). */
export interface SlackEnvelope {
  readonly ok?: boolean | undefined;
  readonly error?: string | undefined;
  /** One warning code, or several joined by commas. */
  readonly warning?: string | undefined;
  /** Older responses repeat the warning codes here, before `response_metadata` existed. */
  readonly warnings?: readonly unknown[] | undefined;
  readonly detail?: string | undefined;
  readonly needed?: string | undefined;
  readonly provided?: string | undefined;
  readonly response_metadata?:
    | { readonly warnings?: readonly unknown[] | undefined; readonly messages?: readonly unknown[] | undefined }
    | undefined;
}

/** A Slack envelope, every member optional, or undefined for a body that is not an object. */
export function readSlackEnvelope(body: unknown): SlackEnvelope | undefined {
  const b = object(body);
  if (b === undefined) return undefined;
  const meta = object(b.response_metadata);
  return {
    ok: typeof b.ok === 'boolean' ? b.ok : undefined,
    error: text(b.error),
    warning: text(b.warning),
    warnings: list(b.warnings),
    detail: text(b.detail),
    needed: text(b.needed),
    provided: text(b.provided),
    response_metadata: meta && { warnings: list(meta.warnings), messages: list(meta.messages) },
  };
}
