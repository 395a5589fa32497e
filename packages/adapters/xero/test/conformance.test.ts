import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { xero } from '../src/index';

describeAdapterConformance(xero, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
