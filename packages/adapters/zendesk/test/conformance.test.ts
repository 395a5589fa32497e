import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { zendesk } from '../src/index';

describeAdapterConformance(zendesk, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
