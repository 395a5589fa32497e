// The Rosetta demo: `pnpm demo [--provider <id>|all ...]`. Everything runs against a local simulator; nothing leaves the machine.
import { parseArgs } from 'node:util';
import { runDemo } from './run-demo';

const { values } = parseArgs({ options: { provider: { type: 'string', multiple: true } } });
// `--provider <id>` (repeatable) shows those providers' rows in full, `all` every provider's.
const detail = values.provider?.includes('all') ? 'all' : values.provider;
const result = await runDemo({ out: process.stdout, ...(detail === undefined ? {} : { detail }) });
process.exitCode = result.ok ? 0 : 1;
