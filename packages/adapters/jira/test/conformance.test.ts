import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { jira } from '../src/index';

describeAdapterConformance(jira, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
