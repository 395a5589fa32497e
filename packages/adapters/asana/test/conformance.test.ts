import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { asana } from '../src/index';

describeAdapterConformance(asana, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
