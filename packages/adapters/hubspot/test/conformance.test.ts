import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { hubspot } from '../src/index';

describeAdapterConformance(hubspot, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
