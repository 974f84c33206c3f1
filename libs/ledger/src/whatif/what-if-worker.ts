import { parentPort, workerData } from 'node:worker_threads';
import type { FarmYearInputs } from '@asb/domain';
import { evaluateFarmYears, type EvaluationPlan } from './evaluate-farm-years';

/** A worker thread of a what-if run (D60): evaluates its part of the farm-years and hands back the rows. */
const { plan, farmYears } = workerData as { plan: EvaluationPlan; farmYears: FarmYearInputs[] };
const rows = evaluateFarmYears(plan, farmYears, (done) => parentPort!.postMessage({ done }));
parentPort!.postMessage({ rows });
