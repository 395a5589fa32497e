import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { acme } from './acme-adapter';

// The suite run on an adapter with a query-parameter credential, a custom credential header,
// a base path and idempotency keys on PATCH: schemes the real adapters do not declare.
describeAdapterConformance(acme, { fixtures: loadFixtures(new URL('./fixtures/acme', import.meta.url)) });
