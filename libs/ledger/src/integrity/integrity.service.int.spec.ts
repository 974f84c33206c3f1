import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLedgerConfig } from '../config/ledger-config';
import { createLedgerContext, type LedgerContext } from '../composition';
import { IntegrityService } from './integrity.service';
import { newEvent } from '../../../../test/support/new-event';

/**
 * Two signers of one embedded log (the API's request thread on demand and its subscriber thread every
 * interval, D66; here two contexts on one data directory): signing at the same moment, both succeed —
 * the one that finds the record extended under it signs again from there — and the log verifies.
 */
describe('two checkpoint signers on one log', () => {
  let dir: string;
  const contexts: LedgerContext[] = [];
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'asb-signers-'))));
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sign side by side, and the log verifies', async () => {
    const config = loadLedgerConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    for (let i = 0; i < 2; i++) contexts.push(await createLedgerContext({ config, processJobs: false, runProjections: false, scheduleSeals: false }));
    const [a, b] = contexts.map((c) => c.get(IntegrityService));
    const log = contexts[0].runtime.log;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 50; i++) await log.append(`stream-${round}-${i}`, [newEvent('Noted', { round, i })], 'no_stream');
      const [first, second] = await Promise.all([a.checkpoint(), b.checkpoint()]);
      expect(Math.max(first.checkpoint.treeSize, second.checkpoint.treeSize)).toBe((round + 1) * 50);
    }
    expect(await a.verify()).toMatchObject({ ok: true });
  });
});
