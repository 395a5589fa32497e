import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { microsoftGraph } from '../src/index';

describeAdapterConformance(microsoftGraph, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
