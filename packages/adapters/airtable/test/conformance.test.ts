import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { airtable } from '../src/index';

describeAdapterConformance(airtable, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
