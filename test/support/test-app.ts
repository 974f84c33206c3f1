import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { ActorRole } from '@asb/event-store';
import { FixedClock, LedgerRuntime, loadLedgerConfig } from '@asb/ledger';
import { createApp } from '../../apps/api/src/app.factory';

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The real HTTP application on a fresh embedded data directory, with a clock the test moves. */
export const startTestApp = async (options: { now?: string; env?: NodeJS.ProcessEnv; listen?: boolean; processJobs?: boolean } = {}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'asb-e2e-'));
  const config = loadLedgerConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEAL_INTERVAL_SECONDS: '3600', ...options.env });
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
  const jwt = new JwtService({ secret: config.jwtSecret });
  const runtime = app.get(LedgerRuntime);
  return {
    app,
    clock,
    runtime,
    dataDir,
    baseUrl,
    http: () => request(app.getHttpServer()),
    token: (sub: string, role: ActorRole) => `Bearer ${jwt.sign({ sub, role }, { expiresIn: 3600 })}`,
    eventCount: async () => (await runtime.store.readAll()).length,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
