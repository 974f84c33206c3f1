import type Database from 'better-sqlite3';
/** Small helpers for the benchmarks: wall-clock timing and aligned report lines. */
export const time = async <T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> => {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
};

export const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

export const fmt = (n: number) => n.toLocaleString('en-US');

export const line = (label: string, value: string) => console.log(`  ${label.padEnd(58)} ${value}`);

/** The yardstick for reads: every stored body, in log order, through JSON.parse, nothing else. */
export const rawReadAndParse = (db: Database.Database, table: string): number => {
  let n = 0;
  for (const row of db.prepare(`SELECT body FROM ${table} ORDER BY position`).iterate() as Iterable<{ body: string }>) {
    JSON.parse(row.body);
    n++;
  }
  return n;
};
