import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { allProjections, ProjectionRunner, ReadModelStore } from '@asb/projections';
import { CorruptStoreError } from '@asb/event-store';
import { Recomputations } from '@asb/ledger';
import { openLedgerForReading } from './open-ledger';

export const registerReplay = (program: Command) =>
  program
    .command('replay')
    .description('rebuild every projection from zero into a fresh read-model file and report counts')
    .option('--out <file>', 'read-model file to build (default: <data dir>/replay/readmodels-<time>.db)')
    .option('--json', 'print the report as JSON')
    .option('--verify', 'also recompute every recorded ScoreCalculated and LevyAssessed under its recorded norm version')
    .action(async (opts: { out?: string; json?: boolean; verify?: boolean }) => {
      // One runtime: the log opened (and checked) once, read as the current code reads it; its
      // read models are the live ones, which stay untouched while the API may be using them.
      const ledger = await openLedgerForReading();
      const { runtime } = ledger;
      // A store whose newest events fail their hash is not rebuilt from: say which event, exit 2.
      await runtime.log.opened?.();
      const damage = runtime.log.damage?.();
      if (damage) {
        console.log(`FAILED: the event store is damaged: ${damage.message}; nothing replayed. asb verify reports every finding.`);
        process.exitCode = 2;
        await ledger.close();
        return;
      }
      // The live read models: the embedded file, or the shared tables in PostgreSQL (DATABASE_URL).
      const live = runtime.projectionStore;
      mkdirSync(join(runtime.config.dataDir, 'replay'), { recursive: true });
      const out = opts.out ?? join(runtime.config.dataDir, 'replay', `readmodels-${Date.now()}.db`);
      const fresh = new ReadModelStore(out, { bulk: true });
      try {
        const report = await new ProjectionRunner(runtime.store, fresh, allProjections).rebuild();
        const rows = [];
        for (const p of report.projections) {
          const liveCheckpoint = await live.checkpoint(p.name);
          const comparable = liveCheckpoint?.position === fresh.checkpoint(p.name)?.position;
          rows.push({ ...p, identicalToLive: comparable ? (await live.digest(p.name)) === p.digest : null });
        }
        if (opts.json) console.log(JSON.stringify({ ...report, projections: rows, out }, null, 2));
        else {
          console.log(`replayed ${report.eventsRead} events in ${report.millis} ms into ${out}`);
          for (const r of rows) {
            const same = r.identicalToLive === null ? 'live read model at another position' : r.identicalToLive ? 'identical to live' : 'DIFFERS from live';
            const parked = r.parked ? `, ${r.parked} events PARKED (see subscriber_failures in ${out})` : '';
            console.log(`  ${r.name}: ${r.eventsApplied} events applied, ${r.documents} documents${parked}, ${same}`);
          }
        }
        if (rows.some((r) => r.identicalToLive === false)) process.exitCode = 2;
        if (opts.verify) {
          const checked = await ledger.get(Recomputations).verifyRecomputations();
          console.log(`recomputed ${checked.scoresChecked} scores and ${checked.leviesChecked} levy assessments under their recorded norm versions: ${checked.mismatches.length ? `${checked.mismatches.length} DIFFER` : 'all identical'}`);
          for (const m of checked.mismatches.slice(0, 20)) console.log(`  ${m.streamId} ${m.eventId}: ${JSON.stringify(m.differences)}`);
          if (checked.mismatches.length) process.exitCode = 2;
        }
      } catch (error) {
        // Bytes that cannot be read as events somewhere in the log: name them, exit 2 as verify would.
        if (!(error instanceof CorruptStoreError)) throw error;
        console.log(`FAILED: the event store is damaged: ${error.message}; replay stopped. asb verify reports every finding.`);
        process.exitCode = 2;
      } finally {
        fresh.close();
        await ledger.close();
      }
    });
