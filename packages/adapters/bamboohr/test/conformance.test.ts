import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { bamboohr } from '../src/index';

describeAdapterConformance(bamboohr, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
