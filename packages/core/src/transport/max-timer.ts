/** setTimeout's longest delay (2^31 - 1 ms, 24.8 days): a longer one fires after 1 ms, so waits are capped or chained. */
export const MAX_TIMER_MS = 2_147_483_647;
