// The HTTP service in front of simulated Stripe and GitHub: `pnpm --filter @rosetta/examples-http-service start`.
import { runTour } from './run-tour';

console.log((await runTour()).join('\n'));
