// The Rosetta demo: `pnpm demo`. Everything runs against a local simulator; nothing leaves the machine.
import { runDemo } from './run-demo';

const result = await runDemo({ out: process.stdout });
process.exitCode = result.ok ? 0 : 1;
