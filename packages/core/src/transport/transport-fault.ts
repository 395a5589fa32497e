/**
 * Why a transport building block gave up. The client maps each reason to an `ApiError` kind
 * (`too_large`/`decode` -> `invalid_response`, `invalid_path` -> `validation`, ...).
 */
export type TransportFaultReason =
  | 'too_large'
  | 'redirect_refused'
  | 'redirect_loop'
  | 'invalid_path'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'decode';

/**
 * A failure raised by the transport layer before a response could be classified.
 *
 * Messages name at most an origin (and a path where stated), never a query string,
 * header value or body, so the error is safe to log as is.
 *
 * @example
 * throw new TransportFault('too_large', 'Response body exceeds the 1048576-byte limit');
 */
export class TransportFault extends Error {
  override name = 'TransportFault' as const;

  /** What went wrong; drives the `ApiError` kind the client picks. */
  readonly reason: TransportFaultReason;

  constructor(reason: TransportFaultReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

/**
 * Whether `value` is a {@link TransportFault}, optionally of one of the given reasons.
 *
 * @example
 * if (isTransportFault(error, 'too_large', 'decode')) kind = 'invalid_response';
 */
export function isTransportFault(value: unknown, ...reasons: readonly TransportFaultReason[]): value is TransportFault {
  return value instanceof TransportFault && (reasons.length === 0 || reasons.includes(value.reason));
}
