// The recommendations benchmarks' seeded random numbers (a 32-bit linear
// congruential generator), so every run builds the same data set and asks the
// same queries.

/** A function returning numbers in [0, 1), the same sequence for a seed. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
