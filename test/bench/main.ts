import { benchChecksReactor } from './checks-reactor.bench';
import { benchCommandPath } from './command-path.bench';
import { benchEventStore } from './event-store.bench';
import { benchNational } from './national.bench';
import { benchPostgres } from './postgres.bench';

/** Where PostgreSQL is installed (Debian's initdb): the same measures on it, smaller (appends commit one at a time, D48). */
const onPostgres = () =>
  benchPostgres({ farms: Number(process.env.BENCH_PG_FARMS ?? 500), years: Number(process.env.BENCH_YEARS ?? 10), commands: Number(process.env.BENCH_PG_COMMANDS ?? 1000) });

/**
 * `npm run bench`: figures and ratios against the raw engine on the same machine. BENCH_ONLY picks
 * parts (comma-separated: event-store, command-path, checks-reactor, national, postgres); all of them by default.
 */
const main = async () => {
  console.log(`ASB ledger benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const runs = (part: string) => !only || only.includes(part);
  if (runs('event-store')) await benchEventStore();
  // BENCH_HTTP_SECONDS: per load run (default 10); the bulk intake always takes 15,000 farms unless BENCH_HTTP_FARMS says fewer.
  // BENCH_HTTP_ROUND_ROBIN: the farms submissions go round (default 2,000); fewer fill their farm-years sooner (D77).
  if (runs('command-path')) {
    await benchCommandPath({ farms: Number(process.env.BENCH_HTTP_FARMS ?? 15_000), roundRobin: Number(process.env.BENCH_HTTP_ROUND_ROBIN ?? 2_000), seconds: Number(process.env.BENCH_HTTP_SECONDS ?? 10) });
  }
  // The checks reactor alone, forward and off alternated (D77): BENCH_CHECKS_FARMS, BENCH_CHECKS_ROUNDS (submissions per farm-year), BENCH_CHECKS_PAIRS, BENCH_CHECKS_MODES (on,off: for a profile of one).
  if (runs('checks-reactor')) {
    await benchChecksReactor({ farms: Number(process.env.BENCH_CHECKS_FARMS ?? 400), rounds: Number(process.env.BENCH_CHECKS_ROUNDS ?? 20), pairs: Number(process.env.BENCH_CHECKS_PAIRS ?? 2), modes: (process.env.BENCH_CHECKS_MODES ?? 'on,off').split(',') });
  }
  // BENCH_FARMS / BENCH_YEARS scale the national data set down for a quick look (defaults: 15,000 × 10).
  // BENCH_DATA_DIR keeps the national data set between runs (generated again only when absent or stale);
  // BENCH_NATIONAL_PARTS picks parts of it (rebuild, as-of, what-if, verify, checkpoint).
  if (runs('national')) {
    await benchNational({
      farms: Number(process.env.BENCH_FARMS ?? 15_000),
      years: Number(process.env.BENCH_YEARS ?? 10),
      dataDir: process.env.BENCH_DATA_DIR || undefined,
      parts: process.env.BENCH_NATIONAL_PARTS?.split(',').map((s) => s.trim()),
    });
  }
  if (runs('postgres')) await onPostgres();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
