import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { shopify } from '../src/index';

describeAdapterConformance(shopify, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
