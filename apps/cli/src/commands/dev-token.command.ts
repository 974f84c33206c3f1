import { type Command, Option } from 'commander';
import { JwtService } from '@nestjs/jwt';
import { loadLedgerConfig } from '@asb/ledger';

const roles = ['farmer', 'calculator', 'data_source', 'payer', 'norm_authority', 'regulator', 'policy_analyst'];

export const registerDevToken = (program: Command) =>
  program
    .command('dev-token')
    .description('sign a bearer token with the local JWT secret (for local use only)')
    .requiredOption('--sub <id>', 'the actor id (a farmer id, a party id)')
    .addOption(new Option('--role <role>', 'the actor role').choices(roles).makeOptionMandatory())
    .option('--hours <n>', 'validity in hours', '8')
    .action((opts: { sub: string; role: string; hours: string }) => {
      const jwt = new JwtService({ secret: loadLedgerConfig().jwtSecret });
      console.log(jwt.sign({ sub: opts.sub, role: opts.role }, { expiresIn: Number(opts.hours) * 3600 }));
    });
