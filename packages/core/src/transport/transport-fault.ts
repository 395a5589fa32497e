/** Why a transport building block gave up; the client maps each reason to an `ApiError` kind. */
export type TransportFaultReason =
  | 'too_large'
  | 'redirect_refused'
  | 'redirect_loop'
  | 'invalid_path'
  | 'hook_origin'
  | 'network'
  | 'decode';

/**
 * A failure of the transport layer before a response could be classified. Messages name at most an origin (and a
 * path where stated), never a query, header value or body, so it is safe to log.
 *
 * @example
 * throw new TransportFault('too_large', 'Response body exceeds the 1048576-byte limit');
 */
export class TransportFault extends Error {
  override name = 'TransportFault' as const;

  constructor(
    /** What went wrong; drives the `ApiError` kind the client picks. */
    readonly reason: TransportFaultReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
