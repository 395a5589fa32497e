import { describe, expect, it } from 'vitest';
import { TransportFault } from '../../src/transport/transport-fault';

describe('TransportFault', () => {
  it('is an Error carrying its reason, name and cause', () => {
    const cause = new TypeError('terminated');
    const fault = new TransportFault('network', 'Connection closed early', { cause });
    expect(fault).toBeInstanceOf(Error);
    expect(fault.name).toBe('TransportFault');
    expect(fault.reason).toBe('network');
    expect(fault.message).toBe('Connection closed early');
    expect(fault.cause).toBe(cause);
    expect(fault.stack).toContain('TransportFault: Connection closed early');
  });
});
