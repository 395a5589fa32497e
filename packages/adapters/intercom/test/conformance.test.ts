import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { intercom } from '../src/index';

describeAdapterConformance(intercom, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
