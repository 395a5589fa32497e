import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { normalizeError } from '../../src/adapter/normalize-error';

const throwing = (error: Error, name: string): Error =>
  Object.defineProperty(error, name, {
    get() {
      throw new Error('getter');
    },
  });

describe('normalizeError', () => {
  const acme = defineAdapter({
    id: 'acme',
    displayName: 'Acme',
    baseUrl: 'https://api.acme.test/v1',
    sdkError: (error) => ({ status: (error as Error & { status: number }).status }),
  });

  it('reads an SDK error through its adapter', () => {
    expect(normalizeError(acme, Object.assign(new Error('x'), { status: 429 }))?.kind).toBe('rate_limited');
  });

  it('never throws: an SDK error whose cause getter or read field throws is none it can read', () => {
    expect(normalizeError(acme, throwing(new Error('x'), 'cause'))).toBeNull();
    expect(normalizeError(acme, throwing(new Error('x'), 'status'))).toBeNull();
  });
});
