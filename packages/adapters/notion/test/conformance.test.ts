import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { notion } from '../src/index';

describeAdapterConformance(notion, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
