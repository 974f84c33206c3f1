/** Small helpers for the benchmarks: wall-clock timing and aligned report lines. */
export const time = async <T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> => {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
};

export const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

export const fmt = (n: number) => n.toLocaleString('en-US');

export const line = (label: string, value: string) => console.log(`  ${label.padEnd(58)} ${value}`);
