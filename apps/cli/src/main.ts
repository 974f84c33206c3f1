import { Command } from 'commander';
import { registerDevToken } from './commands/dev-token.command';
import { registerReplay } from './commands/replay.command';
import { registerSeal } from './commands/seal.command';
import { registerVerify } from './commands/verify.command';
import { registerScore } from './commands/score.command';
import { registerExport } from './commands/export.command';
import { registerWhatIf } from './commands/what-if.command';
import { registerWitness } from './commands/witness.command';

const program = new Command()
  .name('asb')
  .description('ASB ledger command line (embedded store in DATA_DIR, or DATABASE_URL, or EVENTSTORE_URL)');
registerVerify(program);
registerReplay(program);
registerSeal(program);
registerDevToken(program);
registerScore(program);
registerExport(program);
registerWhatIf(program);
registerWitness(program);

// Exit codes: 0 ok, 2 a finding (tampering, a refused witness), 1 unusable input or any other error.
program.parseAsync().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
