import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { linear } from '../src/index';

describeAdapterConformance(linear, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
