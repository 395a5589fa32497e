import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { slack } from '../src/index';

describeAdapterConformance(slack, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
