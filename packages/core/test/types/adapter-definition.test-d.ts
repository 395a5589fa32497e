import { describe, expectTypeOf, it } from 'vitest';
import {
  type AdapterDefinition,
  type AuthScheme,
  type BucketDefinition,
  type ClassifyHook,
  defineAdapter,
  type HttpMethod,
  type PaginationDescriptor,
  type ResetUnit,
} from '../../src/index';

// AdapterDefinition is derived from the zod/mini schema; these pin that the derivation keeps the contract exact.
describe('AdapterDefinition (derived from the definition schema)', () => {
  it('keeps hook and bucket types exact, not widened to the schema checks', () => {
    expectTypeOf<NonNullable<AdapterDefinition['classify']>>().toEqualTypeOf<ClassifyHook>();
    expectTypeOf<NonNullable<AdapterDefinition['warnings']>>().toEqualTypeOf<
      (body: unknown, headers: Readonly<Record<string, string>>) => readonly string[] | undefined
    >();
    expectTypeOf<NonNullable<AdapterDefinition['credentialTag']>>().toEqualTypeOf<
      (credential: string) => string | undefined
    >();
    expectTypeOf<NonNullable<AdapterDefinition['limits']>>().toEqualTypeOf<readonly BucketDefinition[]>();
  });

  it('derives the part types as literal unions, readonly', () => {
    expectTypeOf<HttpMethod>().toEqualTypeOf<'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'>();
    expectTypeOf<ResetUnit>().toEqualTypeOf<
      'epoch-seconds' | 'epoch-ms' | 'seconds-until' | 'ms-until' | 'iso-8601' | 'auto'
    >();
    expectTypeOf<AuthScheme>().toEqualTypeOf<
      | { readonly type: 'bearer' }
      | { readonly type: 'basic'; readonly passwordDefault?: string }
      | { readonly type: 'header'; readonly header: string; readonly prefix?: string }
      | { readonly type: 'query'; readonly param: string }
    >();
    expectTypeOf<Extract<PaginationDescriptor, { type: 'cursor' }>['cursorPath']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<AdapterDefinition['requestIdHeaders']>().toEqualTypeOf<readonly string[] | undefined>();
  });

  it('requires id, displayName and baseUrl, and keeps optional members exact', () => {
    defineAdapter({ id: 'a', displayName: 'A', baseUrl: 'https://a.test', classify: () => undefined });
    // @ts-expect-error baseUrl is required
    defineAdapter({ id: 'a', displayName: 'A' });
    // @ts-expect-error an optional member is omitted, not set to undefined (exactOptionalPropertyTypes)
    defineAdapter({ id: 'a', displayName: 'A', baseUrl: 'https://a.test', docsUrl: undefined });
    // @ts-expect-error a hook keeps its parameter types
    defineAdapter({ id: 'a', displayName: 'A', baseUrl: 'https://a.test', credentialTag: (n: number) => String(n) });
  });
});
