/**
 * The benchmark's building blocks: a measurement is a named async function returning a number, with
 * a unit and an optional target; `rate` and `percentile` are the two ways we time things.
 */

/** One figure the benchmark records. */
export interface Measurement {
  /** The key in bench/results.json, such as `sign_per_s`. */
  name: string;
  unit: string;
  description: string;
  /** A target, checked and shown in BENCHMARKS.md: at least (`min`) or at most (`max`). */
  target?: { min?: number; max?: number };
  /** The figure, or `undefined` when it cannot be measured here (after logging why): its recorded value stays. */
  run(context: BenchContext): Promise<number | undefined>;
}

/** Shared state, filled as measurements run (later ones may use earlier figures). */
export interface BenchContext {
  results: Record<string, number>;
  /** Seconds each throughput measurement runs for. */
  seconds: number;
  log(text: string): void;
}

/**
 * Operations per second of `operation`, run by `concurrency` callers for about `seconds` after a
 * short warm-up.
 */
export async function rate(
  operation: () => Promise<unknown>,
  seconds: number,
  concurrency = 1,
  warmUpMs = 300,
): Promise<number> {
  const warmUntil = performance.now() + warmUpMs;
  while (performance.now() < warmUntil) await operation();
  let count = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  async function caller() {
    while (performance.now() < end) {
      await operation();
      count++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, caller));
  return count / ((performance.now() - start) / 1000);
}

/** The p-th percentile (0-100) of `runs` timings of `operation`, in milliseconds. */
export async function percentile(operation: () => Promise<unknown>, runs: number, p: number): Promise<number> {
  for (let i = 0; i < 5; i++) await operation();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await operation();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
}
