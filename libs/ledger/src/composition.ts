import { Module, type INestApplicationContext, type LoggerService, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ledgerModules } from './ledger-area-modules';
import type { LedgerModuleOptions } from './ledger.module';
import { LedgerRuntime } from './ledger-runtime';

/**
 * The composition root's entry (`@asb/ledger/composition`): the adapters and a ledger built without
 * an HTTP server. Only the CLI's open-ledger, tests and benches import it (dependency-cruiser:
 * runtime-only-in-composition-root); everything else injects the area providers and ports.
 */
export { LedgerRuntime } from './ledger-runtime';
export { LedgerLifecycle } from './ledger.module';
export { Subscribers } from './subscribers/subscribers';
export { parseTaskStat, threadCpu, type ThreadCpu } from './subscribers/thread-cpu';
export type { LoopDelay } from './subscribers/thread-loop-delay';

@Module({})
class LedgerContextModule {}

/** The ledger as a tool or a test uses it: the adapters, and any area service or port by its class or token. */
export type LedgerContext = Readonly<{
  app: INestApplicationContext;
  /** The adapters: the log, the read-model store, the job queue. */
  runtime: LedgerRuntime;
  get<T>(token: Type<T> | symbol): T;
  /** Stops the subscribers and closes the adapters (LedgerLifecycle's shutdown). */
  close(): Promise<void>;
}>;

/**
 * The ledger without an HTTP server (the CLI, tests of the areas): the same modules, so the same
 * providers, as the API. Quiet unless a logger is given; a failure to start is thrown, not exited on.
 */
export const createLedgerContext = async (options: LedgerModuleOptions, logger: LoggerService | LogLevel[] | false = false): Promise<LedgerContext> => {
  const app = await NestFactory.createApplicationContext({ module: LedgerContextModule, imports: ledgerModules(options) }, { logger, abortOnError: false });
  return { app, runtime: app.get(LedgerRuntime), get: (token) => app.get(token), close: () => app.close() };
};
