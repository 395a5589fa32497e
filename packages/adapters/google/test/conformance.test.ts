import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { google } from '../src/index';

describeAdapterConformance(google, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
