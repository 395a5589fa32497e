/**
 * A `beforeRequest` hook returned a `Request` for another origin than the hop's; it was not sent. The client
 * reads it as `validation` / `hook_origin_refused` (docs/error-model.md). The message names origins only.
 *
 * @example
 * throw new HookOriginError('a beforeRequest hook sent the request to https://evil.test; refused');
 */
export class HookOriginError extends Error {
  override name = 'HookOriginError' as const;
}
