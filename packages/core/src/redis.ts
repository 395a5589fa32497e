/**
 * `@rosetta/core/redis`: cluster-wide rate limits through Redis (being rewritten for limiter v2;
 * see docs/decisions/bottleneck.md).
 */
export {};
