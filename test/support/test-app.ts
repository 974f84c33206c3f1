import type { INestApplication, Type } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ActorRole } from '@asb/event-store';
import { BearerTokens, FixedClock, loadLedgerConfig } from '@asb/ledger';
import { LedgerRuntime } from '@asb/ledger/composition';
import { createApp } from '../../apps/api/src/app.factory';
import { runDemo } from '../../apps/api/src/demo/demo';
import { PostgresServer } from './postgres-server';

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The real HTTP application on a fresh embedded data directory, with a clock the test moves. */
export const startTestApp = async (options: { now?: string; env?: NodeJS.ProcessEnv; listen?: boolean; processJobs?: boolean } = {}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'asb-e2e-'));
  // ASB_TEST_STORE=postgres: the same tests on a PostgreSQL of their own (tests that edit events.db by hand do not apply).
  const postgres = process.env.ASB_TEST_STORE === 'postgres' && !options.env?.DATABASE_URL && !options.env?.EVENTSTORE_URL ? new PostgresServer() : null;
  if (postgres) {
    await postgres.start();
    process.env.DATABASE_URL = postgres.url; // for the CLI commands a test spawns with its environment
  }
  const config = loadLedgerConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEAL_INTERVAL_SECONDS: '3600', ...(postgres ? { DATABASE_URL: postgres.url } : {}), ...options.env });
  const clock = new FixedClock(options.now ?? '2025-09-01T08:00:00.000Z');
  const app: INestApplication = await createApp(
    { config, clock, processJobs: options.processJobs ?? !config.redisUrl, runProjections: true, scheduleSeals: false },
    { logger: false },
  );
  await app.init();
  let baseUrl = '';
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }
  const tokens = new BearerTokens(config);
  const runtime = app.get(LedgerRuntime);
  return {
    app,
    clock,
    /** The adapters (the log, the read-model store, the job queue) and the subscribers' error hooks. */
    runtime,
    /** An area's service or a port by its class or token, as Nest built it for the app. */
    get: <T>(token: Type<T> | symbol): T => app.get(token),
    dataDir,
    baseUrl,
    /** Every write carries a fresh Idempotency-Key unless the test sets its own (`.set` replaces it). */
    http: () => withIdempotencyKeys(request(app.getHttpServer())),
    /** Requests exactly as the test writes them: no header added. */
    rawHttp: () => request(app.getHttpServer()),
    token: (sub: string, role: ActorRole) => `Bearer ${tokens.sign({ sub, role }, 3600)}`,
    eventCount: async () => (await runtime.store.readAll()).length,
    close: async () => {
      await app.close();
      if (postgres) {
        if (process.env.DATABASE_URL === postgres.url) delete process.env.DATABASE_URL;
        await postgres.stop();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

type Agent = ReturnType<typeof request>;
const withIdempotencyKeys = (agent: Agent): Agent =>
  new Proxy(agent, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== 'post' && prop !== 'patch' && prop !== 'put') return value;
      return (url: string) => (value as (url: string) => request.Test).call(target, url).set('idempotency-key', `test-${randomUUID()}`);
    },
  });

/**
 * A listening test app on which the README demo has walked its farm from registration (2025) to
 * settlement (2027): scores forwarded, the advance paid, the subsidy settled, a checkpoint signed.
 */
export const startAppAfterDemo = async (env: NodeJS.ProcessEnv = {}): Promise<TestApp> => {
  const t = await startTestApp({ listen: true, env });
  await runDemo({ baseUrl: t.baseUrl, token: (sub, role) => t.token(sub, role).slice('Bearer '.length), log: () => undefined, moveTo: (i) => t.clock.set(i) });
  return t;
};
