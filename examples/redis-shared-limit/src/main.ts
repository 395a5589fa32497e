// Two processes sharing Stripe's rate limit through Redis: `pnpm --filter @rosetta/examples-redis-shared-limit start`.
// Uses REDIS_URL when set, else starts a throwaway redis-server (scripts/ensure-redis.sh installs one).
import { runSharedLimit, type SharedLimitResult } from './run-shared-limit';
import { findRedisServer, startRedisServer } from './start-redis-server';

const binary = findRedisServer();
if (process.env.REDIS_URL === undefined && binary === undefined) {
  console.error('Set REDIS_URL, or install redis-server (scripts/ensure-redis.sh).');
  process.exit(1);
}

function print(title: string, result: SharedLimitResult): void {
  console.log(`${title}: ${result.workers.length} processes, ${result.calls} calls at once`);
  result.workers.forEach((w, i) => {
    const failed = Object.keys(w.failed).length === 0 ? '' : `, failed ${JSON.stringify(w.failed)}`;
    console.log(`  process ${i + 1}: ${w.succeeded} succeeded, ${w.throttled} refused and retried${failed}`);
  });
  console.log(`  Stripe saw ${result.provider.requests} requests and refused ${result.provider.rateLimited}`);
  console.log(`  ${result.elapsedMs} ms; at 25 per second no schedule takes less than ${result.minimumMs} ms`);
}

const redis = process.env.REDIS_URL === undefined && binary !== undefined ? await startRedisServer(binary) : undefined;
try {
  const redisUrl = process.env.REDIS_URL ?? redis?.url ?? '';
  print('Shared through Redis', await runSharedLimit({ redisUrl }));
  print('Each process on its own', await runSharedLimit({ redisUrl, shared: false }));
} finally {
  await redis?.stop();
}
