import { Command } from 'commander';
import { join } from 'node:path';
import { BearerTokens, loadLedgerConfig, ScenarioClock, type LedgerConfig } from '@asb/ledger';
import type { ActorRole } from '@asb/event-store';
import { createApp } from './app.factory';
import { runDemo } from './demo/demo';
import { startDevOidcProvider } from './auth/dev-oidc';

/** The local provider's demo accounts (bin/asb-dev-oidc.mjs), as `npm start` lists them. */
const DEMO_ACCOUNTS: ReadonlyArray<readonly [string, string]> = [
  ['boer-jansen', 'farmer (nl-drenthe-0001, the demo farm)'],
  ['boer-de-vries', 'farmer (nl-drenthe-0002)'],
  ['wur', 'calculator'],
  ['snn', 'payer'],
  ['provincie-drenthe', 'norm_authority'],
  ['nvwa-auditor', 'regulator'],
  ['pbl', 'policy_analyst'],
];

const program = new Command()
  .name('asb-api')
  .description('ASB ledger HTTP API (embedded event store unless EVENTSTORE_URL is set)')
  .option('--demo', 'also start a demo instance in scheme time (2025–2027) on DATA_DIR/demo and walk one farm through it over HTTP')
  .option('--exit-after-demo', 'run the demo and stop')
  .parse();

const start = async (config: LedgerConfig, clock?: ScenarioClock) => {
  // Projections and reactors on a thread of their own (D66), unless a scenario clock runs here: the
  // demo's clock is moved on this thread, and the subscribers' events must be stamped by it.
  const subscribersThread = !clock && config.subscribersThread;
  const app = await createApp({ config, clock, processJobs: !config.redisUrl, runProjections: true, scheduleSeals: true, subscribersThread, writerThread: config.writerThread });
  await app.listen(config.port, config.host);
  return app;
};

const main = async () => {
  const options = program.opts<{ demo?: boolean; exitAfterDemo?: boolean }>();
  let config = loadLedgerConfig();
  const withDemo = options.demo || options.exitAfterDemo;
  // Development (`npm start`): without a provider of its own (OIDC_ISSUER), the web application signs
  // in at the local one, with a demo account per role (D49).
  const devOidc = withDemo && !options.exitAfterDemo && !config.oidcIssuer
    ? await startDevOidcProvider({
        port: Number(process.env.OIDC_PORT ?? config.port + 2),
        redirectUris: [config.port, config.port + 1].flatMap((port) => [`http://127.0.0.1:${port}/aanmelden`, `http://localhost:${port}/aanmelden`]),
      })
    : null;
  if (devOidc) {
    config = { ...config, oidcIssuer: devOidc.issuer };
    process.once('exit', () => void devOidc.stop());
  }
  const api = options.exitAfterDemo ? null : await start(config);
  if (api) console.log(`ASB ledger API on http://127.0.0.1:${config.port} (OpenAPI: /docs, health: /health), data in ${config.dataDir}`);
  if (!withDemo) return;

  // The demo lives apart from the official record: its own data directory and its own clock,
  // which it moves through the scheme's years (the official API runs on the system clock).
  // Another log: its own checkpoints, key and name, so no witness mistakes it for the official one.
  const demoDir = join(config.dataDir, 'demo');
  // The demo's log is never the official one's database either: with DATABASE_URL, EVENTSTORE_URL or
  // REDIS_URL it still runs alone, on the embedded store in its own directory with in-process jobs (D56).
  const demoConfig: LedgerConfig = {
    ...config, dataDir: demoDir, checkpointDir: demoDir, signingKeyPem: undefined, logName: `${config.logName}-demo`, port: config.port + 1,
    databaseUrl: undefined, eventStoreUrl: undefined, redisUrl: undefined,
  };
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
  if (devOidc) {
    console.log(`\nOpen the web application: ${baseUrl}/ (the demo farm) or http://127.0.0.1:${config.port}/ (the official record, empty at first).`);
    console.log(`Sign in at the local OpenID Connect provider (${devOidc.issuer}) with a demo account:`);
    for (const [sub, role] of DEMO_ACCOUNTS) console.log(`  ${sub.padEnd(18)} ${role}`);
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
