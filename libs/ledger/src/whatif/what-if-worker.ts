import { parentPort } from 'node:worker_threads';
import type { FarmYearInputs, NormSetDocument } from '@asb/domain';
import { evaluateFarmYears, type Drafted } from './evaluate-farm-years';
import { farmYearKey, type ShardAnswer, type ShardRun } from './farm-year-shards';
import { encodeRows } from './what-if-rows-codec';

/**
 * A worker thread of what-if runs (D60, D74): it keeps its shard of the farm-years between runs, takes
 * in the ones that changed, evaluates the shard under each run's plan and hands back the rows encoded
 * (numbers in one transferred buffer, strings once). What the evaluation caches per farm-year and parameter set stays with the copies.
 */
const farmYears = new Map<string, FarmYearInputs>();
let normSets = new Map<string, readonly NormSetDocument[]>();

/** A drafted norm set's official version as the one this worker keeps: the official side's caches are keyed by it. */
const kept = (drafted: Drafted): Drafted =>
  new Map(
    [...drafted].map(([id, byYear]) => [
      id,
      new Map([...byYear].map(([year, d]) => [year, { ...d, base: normSets.get(d.base.normSetId)?.find((v) => v.version === d.base.version) ?? d.base }])),
    ]),
  );

const send = (answer: ShardAnswer, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(answer, transfer);

parentPort!.on('message', (run: ShardRun) => {
  const cpu = process.cpuUsage();
  for (const key of run.remove) farmYears.delete(key);
  for (const f of run.upsert) farmYears.set(farmYearKey(f), f);
  if (run.normSets) normSets = new Map(run.normSets);
  const rows = evaluateFarmYears({ ...run.plan, drafted: kept(run.plan.drafted), normSets }, [...farmYears.values()], (done) => send({ done }));
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  if (!run.rows) return send({ rows: null, cpuMs });
  const encoded = encodeRows(rows);
  send({ rows: encoded, cpuMs }, [encoded.numbers.buffer as ArrayBuffer]);
});
