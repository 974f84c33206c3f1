import { benchEventStore } from './event-store.bench';

/** `npm run bench`: figures and ratios against the raw engine on the same machine. */
const main = async () => {
  console.log(`ASB ledger benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  await benchEventStore();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
