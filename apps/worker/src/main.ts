import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { LoggerModule, Logger } from 'nestjs-pino';
import { ledgerModules, loadLedgerConfig } from '@asb/ledger';

/**
 * The production-shape background process: with REDIS_URL it processes BullMQ jobs (what-if
 * recomputations, checkpoints asked for) and publishes the shipped norm sets. On PostgreSQL
 * (DATABASE_URL) it is one of the candidates to lead: whichever process holds the advisory lock runs
 * the projections and reactors and signs checkpoints for all replicas (D56). On EventStoreDB it keeps
 * its own read models and runs the reactors. The embedded default does all this inside the API process.
 */
const main = async () => {
  const config = loadLedgerConfig();
  @Module({
    imports: [
      LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
      // The same modules as the API and the CLI: a job that decides goes through the same handlers.
      ...ledgerModules({ config, processJobs: true, runProjections: true, scheduleSeals: true }),
    ],
  })
  class WorkerModule {}
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(Logger).log(`worker started (jobs: ${config.redisUrl ? 'BullMQ' : 'in-process'})`);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
