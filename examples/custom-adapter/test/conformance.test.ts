// The conformance suite every adapter runs (docs/writing-an-adapter.md, "The conformance suite"): each fixture read
// as it says, over HTTP, with the right number of retries, without leaking a credential, never throwing on
// random answers, and the fixtures covering every required category.
import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { acme } from '../src/index';

describeAdapterConformance(acme, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
