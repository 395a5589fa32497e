import type { HeadersInput, ResponseInput } from '@rosetta/core';

/** The members of `@hubspot/api-client`'s `ApiException` read here. */
interface ApiExceptionShape {
  readonly code: number;
  readonly body?: unknown;
  readonly headers?: unknown;
}

/**
 * Reads `@hubspot/api-client` errors as the responses they carry: its `ApiException` (openapi-generator's TypeScript
 * template, generated as `codegen/<api>/apis/exception.ts`; thrown by every `*ResponseProcessor` for a status outside
 * 2xx) has the status as `code`, the response `headers` (lower-case names) and `body`, the error deserialized into
 * the API's `ModelError` (`codegen/crm/companies/models/ModelError.ts`: `message`, `correlationId`, `category`,
 * `subCategory`, `errors`, `context`, `links`). Members the model does not declare (a 429's `policyName`) are
 * dropped by the SDK, so a 429 is read from its message and HubSpot's rate-limit headers instead. Its `name` is
 * plain `Error`: it is recognised by the message the template builds (`HTTP-Code: ...`) and a numeric `code`. A
 * `RequiredError` (a missing argument) never reached HubSpot: no response to read.
 */
export function readHubspotSdkError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error) || !error.message.startsWith('HTTP-Code: ')) return undefined;
  const { code, body, headers } = error as Error & Partial<ApiExceptionShape>;
  if (typeof code !== 'number' || typeof headers !== 'object' || headers === null) return undefined;
  // The generated `{ [key: string]: string }`, as core's reading of a `ResponseInput` takes any header record.
  return { status: code, headers: headers as HeadersInput, body };
}
