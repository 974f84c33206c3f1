import { Command } from 'commander';
import { JwtService } from '@nestjs/jwt';
import { loadLedgerConfig } from '@asb/ledger';
import type { ActorRole } from '@asb/event-store';
import { createApp } from './app.factory';
import { runDemo } from './demo/demo';

const program = new Command()
  .name('asb-api')
  .description('ASB ledger HTTP API (embedded event store unless EVENTSTORE_URL is set)')
  .option('--demo', 'after start-up, walk one farm through the ledger over HTTP')
  .option('--exit-after-demo', 'stop once the demo has run')
  .parse();

const main = async () => {
  const options = program.opts<{ demo?: boolean; exitAfterDemo?: boolean }>();
  const config = loadLedgerConfig();
  const embeddedJobs = !config.redisUrl;
  const app = await createApp({ config, processJobs: embeddedJobs, runProjections: true, scheduleSeals: true });
  await app.listen(config.port);
  const baseUrl = `http://127.0.0.1:${config.port}`;
  console.log(`ASB ledger API on ${baseUrl} (OpenAPI: ${baseUrl}/docs, health: ${baseUrl}/health), data in ${config.dataDir}`);
  if (options.demo || options.exitAfterDemo) {
    const jwt = new JwtService({ secret: config.jwtSecret });
    console.log('\nDemo: one farm through the ledger');
    await runDemo({ baseUrl, token: (sub: string, role: ActorRole) => jwt.sign({ sub, role }, { expiresIn: 3600 }), log: (l) => console.log(l) });
    console.log('\nDemo complete.');
    if (options.exitAfterDemo) {
      await app.close();
      return;
    }
    console.log(`The API keeps running on ${baseUrl}; Ctrl-C stops it.`);
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
