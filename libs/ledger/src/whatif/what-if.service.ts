import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyParameterChanges,
  buildWhatIfReport,
  domainUpcasters,
  governingVersion,
  misnaming,
  nameOfPath,
  readScenario,
  refuse,
  resolveNamedPath,
  ruleFamily,
  validateNormSet,
  type FarmYearInputs,
  type IndicatorVocabulary,
  type NormSetDocument,
  type ResolvedChange,
  type SchemeNorms,
  type WhatIfReport,
  type WhatIfScenario,
} from '@asb/domain';
import { canonicalJson, SYSTEM_ACTORS, type EventStore } from '@asb/event-store';
import type { WhatIfScenarioDoc, WhatIfScenariosQuery } from '@asb/projections';
import type { JobQueue } from '@asb/jobs';
import type { Clock } from '../clock/clock';
import type { CommandContext } from '../command-handling/command-context';
import type { LedgerConfig } from '../config/ledger-config';
import type { NormSetService } from '../norms';
import { renderWhatIfCsv } from './render-what-if-csv';
import { renderWhatIfHtml } from './render-what-if-html';
import type { Drafted } from './evaluate-farm-years';
import { FarmYearShards } from './farm-year-shards';
import { WhatIfInputSnapshot } from './what-if-input-snapshot';
import { HeldWhatIfInputs } from './held-what-if-inputs';
import type { WhatIfScenarioHandler } from './what-if-scenario.handler';


/** The indicators and data sources the published catalogues declare, against which a hypothetical document is validated. */
type Declared = Readonly<{ indicators?: IndicatorVocabulary; sources?: readonly string[] }>;

export type WhatIfProgress = Readonly<{ phase: 'reading' | 'computing'; done: number; total: number }>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Policy what-if (issue 17, D51/D52): scenarios are saved in streams of their own, drafted against
 * the published norm sets by name, and run over the official record read once up to a position.
 * Nothing it does writes to a stream of the official record; reports are files outside the log.
 */
export class WhatIfService {
  constructor(
    private readonly scenarios: WhatIfScenariosQuery,
    private readonly store: EventStore,
    private readonly handler: WhatIfScenarioHandler,
    private readonly normSets: NormSetService,
    private readonly config: LedgerConfig,
    private readonly clock: Clock,
  ) {
    // The upcasters' steps sign the snapshot: events read through other upcasters may read otherwise.
    const upcasters = sha256(domainUpcasters.map((u) => `${u.type}@${u.fromVersion}`).join(','));
    this.snapshot = new WhatIfInputSnapshot(join(config.dataDir, 'what-if', 'inputs.v8'), upcasters);
    // A warm process keeps them for good (D71); on demand, for a while after each run (D65).
    this.held = new HeldWhatIfInputs(config.whatIfInputs === 'warm' ? Infinity : config.whatIfKeepInputsSeconds * 1000);
    // With WHAT_IF_INPUTS=warm the workers are for a process that warms them (`warmInputs`): a command-line run
    // or an API that runs no jobs would send every farm-year to a worker for one run (D60's cost), on one thread.
    this.shards = new FarmYearShards({ threads: config.whatIfInputs === 'warm' ? 1 : config.whatIfThreads });
  }

  /** The threads farm-years are evaluated on; with the inputs warm, the workers keep their shard between runs (D74). */
  readonly shards: FarmYearShards;

  /**
   * Loads the inputs as of the log's head in the background of a process that runs what-if jobs
   * (WHAT_IF_INPUTS=warm, D71): its first run reads only the events appended since. A run asked
   * meanwhile waits for this load, with its progress, instead of loading them a second time.
   */
  warmInputs(onProgress?: (eventsRead: number) => void): Promise<void> {
    this.shards.threads = this.config.whatIfThreads;
    return this.held.warm(this.store, { snapshot: this.snapshot, onProgress, prepare: (record) => this.evaluateOfficial(record) });
  }

  /**
   * Every farm-year evaluated under the official norm sets alone (a scenario of no drafts, its rows let
   * go): what a run caches per farm-year and parameter set — the official balance figures, cross-source
   * checks, tiers, plausibility ranges — is then found by the first run, as by a run after another (D65).
   * Those caches are pure functions of the shared objects, so no report changes by a byte.
   */
  private async evaluateOfficial(record: Readonly<{ farmYears: FarmYearInputs[]; normSets: ReadonlyMap<string, readonly NormSetDocument[]> }>): Promise<void> {
    const years = record.farmYears.length ? { from: record.farmYears[0].year, to: record.farmYears[record.farmYears.length - 1].year } : { from: 0, to: 0 };
    const scenario: WhatIfScenario = { name: 'official (warm-up)', years, drafts: [], simplifications: [], uncertainty: { samples: 0, seed: 0 } };
    // On every thread: each worker is given its shard here, once, and computes its official side (D74).
    await this.shards.evaluate({ scenario, drafted: new Map(), normSets: record.normSets, pseudonymKey: this.config.pseudonymKey }, record.farmYears, () => undefined, { rows: false });
  }

  /** The last run's inputs, kept in memory for the next run (D65). */
  private readonly held: HeldWhatIfInputs;

  /** Lets the inputs held go now, and the workers' copies (on demand they go by themselves after WHAT_IF_KEEP_INPUTS_SECONDS). */
  releaseInputs(): void {
    this.held.forget();
    void this.shards.close();
  }

  /** At shutdown: the workers end (idle, they do not keep the process alive, but they hold memory). */
  close(): Promise<void> {
    return this.shards.close();
  }

  /** The what-if's folded inputs as of the last run (D60): a run reads it and the log's tail. */
  private readonly snapshot: WhatIfInputSnapshot;

  /**
   * Applies the drafts to the version of each norm set that governs each year (D41), by the rules of
   * an amendment (D31) after resolving named paths; the result is validated whole and checked by its
   * rule family for changes a what-if cannot recompute. Every refusal names its field.
   */
  /** What the published catalogues declare now (read through the ReadModels port, so asynchronously: D56). */
  private async declared(): Promise<Declared> {
    const [indicators, sources] = await Promise.all([this.normSets.indicators(), this.normSets.sources()]);
    return { indicators, sources };
  }

  draft(scenario: WhatIfScenario, histories: (normSetId: string) => readonly NormSetDocument[], declared: Declared): { drafted: Drafted; changes: ResolvedChange[] } {
    const drafted = new Map<string, Map<number, { base: NormSetDocument; hypothetical: NormSetDocument }>>();
    const changes: ResolvedChange[] = [];
    scenario.drafts.forEach((draft, i) => {
      const versions = histories(draft.normSetId);
      if (!versions.length) refuse('NORM_SET_NOT_FOUND', `no published norm set ${draft.normSetId}`, 'not_found', `drafts[${i}].normSetId`);
      const family = ruleFamily(versions[0].kind);
      if (family.whatIf.recomputes === 'nothing') refuse('NOT_RECOMPUTABLE', family.whatIf.reason, 'invalid', `drafts[${i}].normSetId`);
      const byYear = new Map<number, { base: NormSetDocument; hypothetical: NormSetDocument }>();
      for (let year = scenario.years.from; year <= scenario.years.to; year++) {
        const base = governingVersion({ versions: versions.map((document) => ({ document })) }, { year });
        if (!base) continue;
        // Misnamed before D82, it stays so in the log: its figures would be filed under the other's name. The draft's
        // norm set is at fault, not a field of the scenario's document (the validation below would name `drafts[i].scheme`).
        const misnamed = misnaming(base);
        if (misnamed) {
          refuse('MISNAMED_NORM_SET', `norm set ${base.normSetId} (version ${base.version}) names ${typeof misnamed.names === 'string' ? misnamed.names : (JSON.stringify(misnamed.names) ?? 'nothing')} inside (parameters.${misnamed.parameter}): published before a norm set had to name itself (D82), it cannot be recomputed under its own name`, 'invalid', `drafts[${i}].normSetId`);
        }
        const requested = draft.changes.map((c, j) => ({ path: resolveNamedPath(base.parameters, c.path, `drafts[${i}].changes[${j}].path`), value: c.value }));
        const applied = (() => {
          try {
            return applyParameterChanges(base.parameters, requested);
          } catch (error) {
            // applyParameterChanges names `changes[j]`: the scenario's field is inside drafts[i].
            const e = error as { field?: string };
            if (e.field?.startsWith('changes')) Object.defineProperty(e, 'field', { value: `drafts[${i}].${e.field}` });
            throw error;
          }
        })();
        const hypothetical: NormSetDocument = { ...base, title: `HYPOTHETICAL (${scenario.name}) — ${base.title}`, parameters: applied.parameters };
        try {
          validateNormSet(hypothetical, {}, declared.indicators, declared.sources);
        } catch (error) {
          // The validation names a field of the document by index: the scenario's field names it by name.
          const e = error as { field?: string };
          if (e.field?.startsWith('parameters.')) Object.defineProperty(e, 'field', { value: `drafts[${i}].${nameOfPath(base.parameters, e.field.slice('parameters.'.length))}` });
          throw error;
        }
        const refused = family.refuseWhatIfChange(base.parameters, applied.parameters);
        if (refused) refuse('NOT_RECOMPUTABLE', `a what-if keeps the official selection of sources; ${refused} is not recomputed (D46, D51)`, 'invalid', `drafts[${i}].changes`);
        byYear.set(year, { base, hypothetical });
        applied.changes.forEach((c, j) => changes.push({ normSetId: draft.normSetId, year, baseVersion: base.version, path: draft.changes[j].path ?? nameOfPath(base.parameters, c.path), from: c.from, to: c.to }));
      }
      if (!byYear.size) refuse('NO_NORM_SET_IN_FORCE', `no version of ${draft.normSetId} governs ${scenario.years.from}–${scenario.years.to}`, 'not_found', 'years');
      drafted.set(draft.normSetId, byYear);
    });
    return { drafted, changes };
  }

  private async histories(scenario: WhatIfScenario): Promise<Map<string, NormSetDocument[]>> {
    const out = new Map<string, NormSetDocument[]>();
    for (const d of scenario.drafts) out.set(d.normSetId, (await this.normSets.history(d.normSetId)).versions.map((v) => v.document));
    return out;
  }

  /** Saves a scenario after drafting it against the norm sets published now: a bad change is refused before anything is written. */
  async save(raw: unknown, ctx: CommandContext): Promise<{ scenarioId: string; scenario: WhatIfScenario; replayed: boolean }> {
    const scenario = readScenario(raw);
    const histories = await this.histories(scenario);
    this.draft(scenario, (id) => histories.get(id) ?? [], await this.declared());
    const scenarioId = `sc-${sha256(`scenario:${ctx.commandId}`).slice(0, 20)}`;
    const result = await this.handler.execute({ type: 'DraftScenario', data: { scenarioId, scenario, draftedBy: ctx.actor.id, draftedAt: ctx.now } }, ctx);
    const recorded = result.replayed ? (result.events[0].data as { scenarioId: string; scenario: WhatIfScenario }) : { scenarioId, scenario };
    return { ...recorded, replayed: result.replayed };
  }

  async scenario(scenarioId: string): Promise<WhatIfScenarioDoc> {
    return (await this.scenarios.scenario(scenarioId)) ?? refuse('SCENARIO_NOT_FOUND', `no scenario ${scenarioId}`, 'not_found', 'scenarioId');
  }

  async list(options: { after?: string; limit: number }) {
    const page = await this.scenarios.page({ after: options.after, limit: options.limit });
    return { items: page.items.map((i) => i.doc).filter((d): d is WhatIfScenarioDoc => d !== null), next: page.next };
  }

  /**
   * Asks for a run of a scenario on the log as it stands: the run id hashes the scenario and the log's
   * head, so asking again on the same log finds the same run.
   */
  async requestRun(scenarioId: string, ctx: CommandContext): Promise<{ runId: string; logPosition: number; created: boolean }> {
    const state = await this.handler.state(scenarioId);
    if (!state.scenario) return refuse('SCENARIO_NOT_FOUND', `no scenario ${scenarioId}`, 'not_found', 'scenarioId');
    const logPosition = await this.store.headPosition();
    const runId = `run-${sha256(`${scenarioId}:${logPosition}`).slice(0, 24)}`;
    const existing = Object.hasOwn(state.runs, runId);
    if (!existing) {
      // The run's own id is the command id: whoever asks for the same run first records it.
      const { requestFingerprint: _, ...asked } = ctx;
      await this.handler.execute({ type: 'RequestRun', data: { scenarioId, runId, logPosition, requestedBy: ctx.actor.id, requestedAt: ctx.now } }, { ...asked, commandId: `what-if-run:${runId}` });
    }
    return { runId, logPosition, created: !existing };
  }

  /**
   * Computes a run: reads the official record up to the run's position, drafts the scenario against
   * the norm sets recorded by then, evaluates every farm-year (official, hypothetical, and each sample
   * within the margins) and reports. The same run gives the same bytes; its digest is recorded.
   */
  async run(scenarioId: string, runId: string, onProgress: (p: WhatIfProgress) => Promise<void> | void = () => undefined, options: { record?: boolean } = {}): Promise<WhatIfReport> {
    const state = await this.handler.state(scenarioId);
    const scenario = state.scenario ?? refuse('SCENARIO_NOT_FOUND', `no scenario ${scenarioId}`, 'not_found', 'scenarioId');
    const run = Object.hasOwn(state.runs, runId) ? state.runs[runId] : refuse('RUN_NOT_FOUND', `no run ${runId} of ${scenarioId}`, 'not_found', 'runId');
    const head = run.logPosition;
    const record = await this.held.read(this.store, { years: scenario.years, upTo: head, snapshot: this.snapshot, onProgress: (n) => onProgress({ phase: 'reading', done: n, total: head }) });
    const histories = (id: string) => record.normSets.get(id) ?? [];
    const { drafted, changes } = this.draft(scenario, histories, await this.declared());
    const report = await this.evaluate(scenario, record.farmYears, record.logPosition, drafted, changes, record.normSets, onProgress, record.reservedCents);
    const json = `${JSON.stringify(report, null, 1)}\n`;
    const dir = join(this.config.dataDir, 'reports');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${runId}.json`), json);
    writeFileSync(join(dir, `${runId}.csv`), renderWhatIfCsv(report));
    writeFileSync(join(dir, `${runId}.html`), renderWhatIfHtml(report));
    if (options.record !== false) {
      const total = (m: string) => report.totals.find((t) => t.measure === m)?.delta ?? null;
      await this.handler.execute(
        { type: 'CompleteRun', data: { scenarioId, runId, reportSha256: sha256(json), summary: { farmYears: report.counts.farmYears, subsidyDeltaCents: total('subsidyCents'), levyDeltaCents: total('levyCents'), nSurplusDeltaKg: total('nSurplusKg') }, completedAt: this.clock.now() } },
        { commandId: `what-if-complete:${runId}:${sha256(json).slice(0, 16)}`, actor: SYSTEM_ACTORS.ledger, now: this.clock.now() },
      );
    }
    return report;
  }

  /** Every farm-year evaluated (on `WHAT_IF_THREADS` threads, D60), and the report. */
  private async evaluate(
    scenario: WhatIfScenario,
    farmYears: FarmYearInputs[],
    logPosition: number,
    drafted: Drafted,
    changes: ResolvedChange[],
    normSets: ReadonlyMap<string, readonly NormSetDocument[]>,
    onProgress: (p: WhatIfProgress) => Promise<void> | void,
    reservedCents: ReadonlyMap<string, number>,
  ): Promise<WhatIfReport> {
    const plan = { scenario, drafted, normSets, pseudonymKey: this.config.pseudonymKey };
    const rows = await this.shards.evaluate(plan, farmYears, (done) => onProgress({ phase: 'computing', done, total: farmYears.length }));
    // On demand the inputs are not kept for good: neither are the workers' copies of them.
    if (this.config.whatIfInputs !== 'warm') await this.shards.close();
    const budgets = [...drafted.values()].flatMap((m) =>
      [...m.entries()].filter(([, d]) => d.hypothetical.kind === 'scheme-scoring').map(([year, d]) => ({ scheme: (d.hypothetical.parameters as SchemeNorms).scheme, year, ceilingCents: (d.hypothetical.parameters as SchemeNorms).budgetCeilingCents, reservedCents: reservedCents.get((d.hypothetical.parameters as SchemeNorms).scheme) ?? 0 })),
    );
    return buildWhatIfReport({ scenario, logPosition, changes, rows, budgets, minGroupSize: this.config.analyticsMinGroupSize });
  }

  /** A report written by an earlier run in this data directory (a job queue in memory forgets on restart; the file stays). */
  storedReport(runId: string): WhatIfReport | null {
    const path = this.reportPath(runId, 'json');
    return /^run-[0-9a-f]{24}$/.test(runId) && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as WhatIfReport) : null;
  }

  reportPath(runId: string, ext: 'json' | 'csv' | 'html'): string {
    return join(this.config.dataDir, 'reports', `${runId}.${ext}`);
  }

  /** The canonical digest of a scenario (for a job's id). */
  static digest(value: unknown): string {
    return sha256(canonicalJson(value));
  }
}

export type WhatIfJob = Readonly<{ scenarioId: string; runId: string }>;

/** Queues the computation of a run; an existing job of the same run id is found, not repeated. */
export const enqueueWhatIf = (jobs: JobQueue, job: WhatIfJob): Promise<{ id: string; created: boolean }> =>
  jobs.enqueue<WhatIfJob>('what-if', job, { jobId: job.runId, attempts: 2 });
