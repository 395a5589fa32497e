import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { stripe } from '../src/index';

describeAdapterConformance(stripe, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
