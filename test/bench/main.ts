import { benchEventStore } from './event-store.bench';
import { benchNational } from './national.bench';

/** `npm run bench`: figures and ratios against the raw engine on the same machine. */
const main = async () => {
  console.log(`ASB ledger benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  // BENCH_ONLY=national skips the event-store figures (a quick look at the national ones).
  if (process.env.BENCH_ONLY !== 'national') await benchEventStore();
  // BENCH_FARMS / BENCH_YEARS scale the national data set down for a quick look (defaults: 15,000 × 10).
  await benchNational({ farms: Number(process.env.BENCH_FARMS ?? 15_000), years: Number(process.env.BENCH_YEARS ?? 10) });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
