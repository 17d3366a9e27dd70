// What every bench shares: the lines it prints (kept to be written under bench/results/) and its percentiles.

/** A bench's output: each line printed and kept. */
export const report = (): { readonly lines: string[]; out(line?: string): void } => {
  const lines: string[] = [];
  return {
    lines,
    out: (line = '') => {
      lines.push(line);
      console.log(line);
    },
  };
};

/** The nearest-rank percentile `p` (0–100] of items measured by `value`. */
export const percentileOf = <T>(items: readonly T[], p: number, value: (item: T) => number): T => {
  const sorted = [...items].sort((a, b) => value(a) - value(b));
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

/** The nearest-rank percentile `p` (0–100] of durations. */
export const percentile = (values: readonly number[], p: number): number => percentileOf(values, p, (value) => value);
