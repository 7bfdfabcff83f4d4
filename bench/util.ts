/** Small helpers shared by the benchmarks. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Peak RSS above the starting RSS while `work` runs. Synchronous work blocks the sampler, so the process
 * high-water mark (maxRSS) is read too: run the largest measurement of a process last.
 */
export async function peakRss<T>(
  work: () => Promise<T> | T,
): Promise<{ result: T; peakAboveBaseline: number }> {
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    return { result, peakAboveBaseline: peak - baseline };
  } finally {
    clearInterval(timer);
  }
}

export function report(name: string, figures: Record<string, string | number>): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${typeof v === "number" ? v.toFixed(2) : v}`);
  console.log(`${name}: ${parts.join("  ")}`);
}
