import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { quickbooks } from '../src/index';

describeAdapterConformance(quickbooks, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
