import { benchEventStore } from './event-store.bench';
import { benchNational } from './national.bench';
import { benchPostgres } from './postgres.bench';

/** Where PostgreSQL is installed (Debian's initdb): the same measures on it, smaller (appends commit one at a time, D48). */
const onPostgres = () =>
  benchPostgres({ farms: Number(process.env.BENCH_PG_FARMS ?? 500), years: Number(process.env.BENCH_YEARS ?? 10), commands: Number(process.env.BENCH_PG_COMMANDS ?? 1000) });

/** `npm run bench`: figures and ratios against the raw engine on the same machine. `BENCH_ONLY=postgres`: the PostgreSQL part alone; `national`: no event-store figures. */
const main = async () => {
  console.log(`ASB ledger benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  if (process.env.BENCH_ONLY !== 'postgres') {
    // BENCH_ONLY=national skips the event-store figures (a quick look at the national ones).
    if (process.env.BENCH_ONLY !== 'national') await benchEventStore();
    // BENCH_FARMS / BENCH_YEARS scale the national data set down for a quick look (defaults: 15,000 × 10).
    await benchNational({ farms: Number(process.env.BENCH_FARMS ?? 15_000), years: Number(process.env.BENCH_YEARS ?? 10) });
  }
  await onPostgres();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
