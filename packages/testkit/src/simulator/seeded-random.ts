/**
 * A seeded generator of numbers in [0, 1) (mulberry32): the same seed gives the same sequence,
 * so a flaky scenario fails the same requests on every run.
 *
 * @example
 * const random = createSeededRandom(42);
 * random() === createSeededRandom(42)(); // true
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
