import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { salesforce } from '../src/index';

describeAdapterConformance(salesforce, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
