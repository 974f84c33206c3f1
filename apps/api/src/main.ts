import { Command } from 'commander';
import { join } from 'node:path';
import { BearerTokens, loadLedgerConfig, ScenarioClock, type LedgerConfig } from '@asb/ledger';
import type { ActorRole } from '@asb/event-store';
import { createApp } from './app.factory';
import { runDemo } from './demo/demo';

const program = new Command()
  .name('asb-api')
  .description('ASB ledger HTTP API (embedded event store unless EVENTSTORE_URL is set)')
  .option('--demo', 'also start a demo instance in scheme time (2025–2027) on DATA_DIR/demo and walk one farm through it over HTTP')
  .option('--exit-after-demo', 'run the demo and stop')
  .parse();

const start = async (config: LedgerConfig, clock?: ScenarioClock) => {
  const app = await createApp({ config, clock, processJobs: !config.redisUrl, runProjections: true, scheduleSeals: true });
  await app.listen(config.port, config.host);
  return app;
};

const main = async () => {
  const options = program.opts<{ demo?: boolean; exitAfterDemo?: boolean }>();
  const config = loadLedgerConfig();
  const withDemo = options.demo || options.exitAfterDemo;
  const api = options.exitAfterDemo ? null : await start(config);
  if (api) console.log(`ASB ledger API on http://127.0.0.1:${config.port} (OpenAPI: /docs, health: /health), data in ${config.dataDir}`);
  if (!withDemo) return;

  // The demo lives apart from the official record: its own data directory and its own clock,
  // which it moves through the scheme's years (the official API runs on the system clock).
  // Another log: its own checkpoints, key and name, so no witness mistakes it for the official one.
  const demoDir = join(config.dataDir, 'demo');
  const demoConfig: LedgerConfig = { ...config, dataDir: demoDir, checkpointDir: demoDir, signingKeyPem: undefined, logName: `${config.logName}-demo`, port: config.port + 1 };
  const clock = new ScenarioClock('2025-09-01T08:00:00.000Z');
  const demo = await start(demoConfig, clock);
  const baseUrl = `http://127.0.0.1:${demoConfig.port}`;
  console.log(`\nDemo instance on ${baseUrl} (scheme time, data in ${demoConfig.dataDir}): one farm through the ledger\n`);
  const tokens = new BearerTokens(config);
  await runDemo({
    baseUrl,
    token: (sub: string, role: ActorRole) => tokens.sign({ sub, role }, 3600),
    log: (l) => console.log(l),
    moveTo: (instant) => clock.moveTo(instant),
  });
  console.log('\nDemo complete.');
  if (options.exitAfterDemo) {
    await demo.close();
    return;
  }
  console.log(`Both keep running: the API on http://127.0.0.1:${config.port}, the demo instance on ${baseUrl}. Ctrl-C stops them.`);
  console.log(`Try: curl -H "authorization: Bearer $(npx asb dev-token --sub nvwa --role regulator)" ${baseUrl}/audit/verify`);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
