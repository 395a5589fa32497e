import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { github } from '../src/index';

describeAdapterConformance(github, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
