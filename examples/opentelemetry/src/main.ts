// OpenTelemetry to the console: `pnpm --filter @rosetta/examples-opentelemetry start`.
import { runExample } from './run-example';

const { outcomes } = await runExample();
console.log(outcomes.join('\n'));
