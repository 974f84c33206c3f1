import { type Command, Option } from 'commander';
import { ACTOR_ROLES, BearerTokens, loadLedgerConfig } from '@asb/ledger';

export const registerDevToken = (program: Command) =>
  program
    .command('dev-token')
    .description('sign a bearer token with the local JWT secret, issuer and audience (for local use only)')
    .requiredOption('--sub <id>', 'the actor id (a farmer id, a party id)')
    .addOption(new Option('--role <role>', 'the actor role').choices([...ACTOR_ROLES]).makeOptionMandatory())
    .option('--hours <n>', 'validity in hours (at most TOKEN_MAX_LIFETIME_SECONDS)', '8')
    .action((opts: { sub: string; role: string; hours: string }) => {
      const tokens = new BearerTokens(loadLedgerConfig());
      console.log(tokens.sign({ sub: opts.sub, role: opts.role as (typeof ACTOR_ROLES)[number] }, Math.round(Number(opts.hours) * 3600)));
    });
