/** A closed-loop load: `total` operations by `inFlight` concurrent callers. */

export interface LoadResult<T> {
  /** Operations per second over the whole run. */
  perS: number;
  /** Median and 99th percentile latency of one operation, in milliseconds. */
  p50: number;
  p99: number;
  results: T[];
}

export async function load<T>(total: number, inFlight: number, operation: () => Promise<T>): Promise<LoadResult<T>> {
  const latencies: number[] = [];
  const results: T[] = [];
  let started = 0;
  const begin = performance.now();
  async function caller() {
    while (started < total) {
      started++;
      const t = performance.now();
      results.push(await operation());
      latencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: inFlight }, caller));
  const seconds = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
  return { perS: total / seconds, p50: at(50), p99: at(99), results };
}
