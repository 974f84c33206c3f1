import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyParameterChanges,
  assessLevy,
  buildWhatIfReport,
  refuse,
  scoreRecordedInputs,
  validateNormSet,
  governingVersion,
  type LevyAssessed,
  type LevyNorms,
  type NormSetDocument,
  type SchemeNorms,
  type ScoreCalculated,
  type WhatIfFarm,
  type WhatIfReport,
} from '@asb/domain';
import { canonicalJson, readEventAt, type EventStore } from '@asb/event-store';
import type { FarmScoreDoc, LevyDoc, ReadModelStore } from '@asb/projections';
import type { LedgerConfig } from '../config/ledger-config';
import type { NormSetService } from '../norms';
import { pseudonymise } from './pseudonymise';
import { renderWhatIfHtml } from './render-what-if-html';

/**
 * A what-if recomputes the values the official scores recorded (D46): it never selects them from the
 * submissions again, so a change of a KPI's `sources` would change nothing and report no difference.
 * It is refused, naming the change, rather than answered with a misleading "no effect".
 */
const refuseSourceChanges = (base: SchemeNorms, hypothetical: SchemeNorms, changes: WhatIfRequest['changes']) => {
  const before = new Map(base.kpis.map((k) => [k.id, JSON.stringify(k.sources ?? null)]));
  const changed = hypothetical.kpis.findIndex((k) => before.has(k.id) && before.get(k.id) !== JSON.stringify(k.sources ?? null));
  if (changed < 0) return;
  const at = changes.findIndex((c) => c.path === 'kpis' || c.path === `kpis.${changed}` || c.path.startsWith(`kpis.${changed}.`));
  refuse('NOT_RECOMPUTABLE', 'a what-if recomputes the values the scores recorded; which source a KPI takes them from is not recomputed (D46)', 'invalid', `changes[${Math.max(at, 0)}].path`);
};

export type WhatIfRequest = Readonly<{ name: string; normSetId: string; year: number; changes: ReadonlyArray<Readonly<{ path: string; value: unknown }>> }>;

/**
 * Policy what-if: a hypothetical copy of a published norm set (never published), every farm-year of
 * a year recomputed under it from the inputs the official results recorded, and a report. Finds the
 * farm-years in the read models and their recorded inputs in the events they point to; writes only
 * report files outside the log.
 */
export class WhatIfService {
  constructor(
    private readonly readModels: ReadModelStore,
    private readonly store: EventStore,
    private readonly normSets: NormSetService,
    private readonly config: LedgerConfig,
  ) {}

  /**
   * The hypothetical document: the version that governs the year (D41) with the changes applied by the
   * same domain rules as an amendment (own, existing, non-reserved paths only; D31), validated whole
   * against the indicators the published catalogues declare (D40).
   */
  async draft(request: WhatIfRequest) {
    const history = await this.normSets.history(request.normSetId);
    if (!history.versions.length) return refuse('NORM_SET_NOT_FOUND', `no published norm set ${request.normSetId}`, 'not_found', 'normSetId');
    const base = governingVersion(history, { year: request.year });
    if (!base) return refuse('NO_NORM_SET_IN_FORCE', `no version of ${request.normSetId} is in force for ${request.year}`, 'not_found', 'year');
    if (base.kind !== 'scheme-scoring' && base.kind !== 'levy') return refuse('NOT_RECOMPUTABLE', `what-if recomputes scheme and levy norm sets, not ${base.kind}`, 'invalid', 'normSetId');
    const { parameters, changes } = applyParameterChanges(base.parameters, request.changes);
    const hypothetical: NormSetDocument = { ...base, title: `HYPOTHETICAL (${request.name}) — ${base.title}`, parameters };
    validateNormSet(hypothetical, {}, this.normSets.indicators(), this.normSets.sources());
    if (base.kind === 'scheme-scoring') refuseSourceChanges(base.parameters as SchemeNorms, parameters as SchemeNorms, request.changes);
    return { base, hypothetical, changes };
  }

  /** The log position the read models cover: part of the job id, so a new log gives a new report. */
  private logPosition(kind: NormSetDocument['kind']): number {
    return this.readModels.checkpoint(kind === 'levy' ? 'levies' : 'farm-scores')?.position ?? 0;
  }

  /**
   * The job of a scenario, validated as a draft first (a bad change is refused before anything is
   * queued). Its id hashes the scenario and the log position: the same scenario on the same log is
   * the same job.
   */
  async jobFor(request: WhatIfRequest): Promise<{ request: WhatIfRequest; jobId: string }> {
    const { base } = await this.draft(request);
    const logPosition = this.logPosition(base.kind);
    return { request, jobId: `what-if-${createHash('sha256').update(canonicalJson({ request, logPosition })).digest('hex').slice(0, 24)}` };
  }

  async run(request: WhatIfRequest, jobId: string, onProgress: (done: number, total: number) => Promise<void> | void = () => undefined): Promise<WhatIfReport> {
    const { base, hypothetical, changes } = await this.draft(request);
    const logPosition = this.logPosition(base.kind);
    const farms: WhatIfFarm[] = [];
    const key = this.config.pseudonymKey;
    if (base.kind === 'scheme-scoring') {
      const norms = hypothetical as NormSetDocument<SchemeNorms>;
      const docs = this.readModels.listMatching<FarmScoreDoc>('farm-scores', `${norms.parameters.scheme}:`, `:${request.year}`).map((r) => r.doc).filter((d) => d.year === request.year && d.computedIn);
      for (const [i, d] of docs.entries()) {
        const computed = (await readEventAt(this.store, d.computedIn!)).data as ScoreCalculated['data'];
        const r = scoreRecordedInputs(computed.inputs, norms);
        farms.push({ farm: pseudonymise(key, d.farmId), officialCents: computed.result.totalCents, hypotheticalCents: r.totalCents, officialParts: computed.result.kpis, hypotheticalParts: r.kpis });
        if (i % 1000 === 999) await onProgress(i + 1, docs.length);
      }
      await onProgress(docs.length, docs.length);
    } else {
      // draft() refuses any other kind: a levy.
      const norms = hypothetical as NormSetDocument<LevyNorms>;
      const docs = this.readModels.listMatching<LevyDoc>('levies', `${norms.parameters.levyId}:`, `:${request.year}`).map((r) => r.doc).filter((d) => d.year === request.year);
      const parts = (lines: ReadonlyArray<{ componentId: string; amountCents: number }>) => Object.fromEntries(lines.map((l) => [l.componentId, l.amountCents]));
      for (const [i, d] of docs.entries()) {
        const assessed = (await readEventAt(this.store, d.assessedIn)).data as LevyAssessed['data'];
        const r = assessLevy(assessed.inputs, norms);
        farms.push({ farm: pseudonymise(key, d.farmId), officialCents: assessed.assessment.totalCents, hypotheticalCents: r.totalCents, officialParts: parts(assessed.assessment.lines), hypotheticalParts: parts(r.lines) });
        if (i % 1000 === 999) await onProgress(i + 1, docs.length);
      }
      await onProgress(docs.length, docs.length);
    }
    const ceiling = base.kind === 'scheme-scoring' ? (hypothetical as NormSetDocument<SchemeNorms>).parameters.budgetCeilingCents : null;
    const report = buildWhatIfReport({ name: request.name, normSetId: request.normSetId, baseVersion: base.version, year: request.year, changes }, logPosition, farms, ceiling);
    const dir = join(this.config.dataDir, 'reports');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${jobId}.json`), `${JSON.stringify(report, null, 1)}\n`);
    writeFileSync(join(dir, `${jobId}.html`), renderWhatIfHtml(report));
    return report;
  }

  reportPath(jobId: string, ext: 'json' | 'html'): string {
    return join(this.config.dataDir, 'reports', `${jobId}.${ext}`);
  }
}
