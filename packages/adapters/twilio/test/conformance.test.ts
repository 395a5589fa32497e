import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { twilio } from '../src/index';

describeAdapterConformance(twilio, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
