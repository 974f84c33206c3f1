import {
  applicationDecider,
  assessLevy,
  computeFarmBalance,
  farmDecider,
  findingsDecider,
  scoreRecordedInputs,
  levyDecider,
  scoreDecider,
  type LevyAssessed,
  type LevyNorms,
  type NormSetDocument,
  type SchemeNorms,
  type ScoreCalculated,
  type ScoreRecalculated,
} from '@asb/domain';
import { readAllInBatches, type EventStore, type StoredEvent } from '@asb/event-store';
import { balanceSubmissionsProjection, foldProjection, withSubmissionData, FarmStreamsQuery } from '@asb/projections';
import { foldEvents } from '../command-handling/command-service';
import type { NormSetService } from '../norms';

type ScoreEvent = ScoreCalculated | ScoreRecalculated;

export type Recomputation = Readonly<{
  identical: boolean;
  recorded: { totalCents: number; parts: Record<string, number> };
  recomputed: { totalCents: number; parts: Record<string, number> };
  differences: Array<{ part: string; recorded: number; recomputed: number }>;
}>;

const compare = (recorded: { totalCents: number; parts: Record<string, number> }, recomputed: { totalCents: number; parts: Record<string, number> }): Recomputation => {
  const keys = [...new Set([...Object.keys(recorded.parts), ...Object.keys(recomputed.parts)])];
  const differences = keys.filter((k) => recorded.parts[k] !== recomputed.parts[k]).map((k) => ({ part: k, recorded: recorded.parts[k], recomputed: recomputed.parts[k] }));
  if (recorded.totalCents !== recomputed.totalCents) differences.push({ part: 'total', recorded: recorded.totalCents, recomputed: recomputed.totalCents });
  return { identical: differences.length === 0, recorded, recomputed, differences };
};

/**
 * The regulator's tools: a farm's history and state as of any recorded moment, the explanation of a
 * published number (its input events, norm-set version, rule version and a recomputation), and the
 * recomputation of every recorded score and levy under its recorded norm version.
 */
export class AuditService {
  private readonly normCache = new Map<string, NormSetDocument | null>();

  constructor(
    private readonly store: EventStore,
    private readonly farmStreamsRead: FarmStreamsQuery,
    private readonly normSets: NormSetService,
  ) {}

  farmStreams(farmId: string): Promise<readonly string[]> {
    return this.farmStreamsRead.ofFarm(farmId);
  }

  /** Every event about the farm recorded up to `asOf`, in log order, with who did it and on what authority. */
  async history(farmId: string, asOf?: string): Promise<StoredEvent[]> {
    const all = await Promise.all((await this.farmStreams(farmId)).map((s) => this.store.readStream(s, { asOf })));
    return all
      .flat()
      .filter((e) => (e.data as { farmId?: string }).farmId === farmId || !e.streamId.startsWith('budget-'))
      .sort((a, b) => a.position - b.position);
  }

  /** What was known about the farm at a moment: balances, scores, findings, levies, money. */
  async asOf(farmId: string, at: string) {
    const events = await this.history(farmId, at);
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of events) {
      const list = byStream.get(e.streamId);
      if (list) list.push(e);
      else byStream.set(e.streamId, [e]);
    }
    const farm = foldEvents(farmDecider, byStream.get(`farm-${farmId}`) ?? []);
    const landUse = farm.status === 'registered' ? farm.landUse : null;
    const balances = await Promise.all(
      [...foldProjection(balanceSubmissionsProjection, events).values()].map(async (y) =>
        computeFarmBalance(farmId, y.year, withSubmissionData(y, events).active, landUse, await this.normSets.balanceParameters(y.year, at)),
      ),
    );
    const pick = (prefix: string) => [...byStream.entries()].filter(([s]) => s.startsWith(prefix));
    return {
      farmId,
      at: new Date(at).toISOString(),
      events: events.length,
      farm,
      balances,
      scores: pick('score-').map(([stream, list]) => ({ stream, ...foldEvents(scoreDecider, list) })),
      findings: pick('findings-').map(([stream, list]) => ({ stream, findings: Object.values(foldEvents(findingsDecider, list).findings) })),
      levies: pick('levy-').map(([stream, list]) => ({ stream, ...foldEvents(levyDecider, list) })),
      applications: pick('application-').map(([stream, list]) => ({ stream, ...foldEvents(applicationDecider, list) })),
    };
  }

  private async normSet(id: string, version: number): Promise<NormSetDocument | null> {
    const key = `${id}@${version}`;
    if (!this.normCache.has(key)) this.normCache.set(key, await this.normSets.version(id, version));
    return this.normCache.get(key)!;
  }

  async recomputeScore(event: StoredEvent): Promise<Recomputation> {
    const d = (event.data as ScoreEvent['data']);
    const doc = (await this.normSet(d.normSet.id, d.normSet.version)) as NormSetDocument<SchemeNorms> | null;
    if (!doc) throw new Error(`norm set ${d.normSet.id} v${d.normSet.version} is not in the log`);
    const r = scoreRecordedInputs(d.inputs, doc);
    return compare({ totalCents: d.result.totalCents, parts: { ...d.result.kpis } }, { totalCents: r.totalCents, parts: { ...r.kpis } });
  }

  async recomputeLevy(event: StoredEvent): Promise<Recomputation> {
    const d = event.data as LevyAssessed['data'];
    const doc = (await this.normSet(d.assessment.normSet.id, d.assessment.normSet.version)) as NormSetDocument<LevyNorms> | null;
    if (!doc) throw new Error(`norm set ${d.assessment.normSet.id} v${d.assessment.normSet.version} is not in the log`);
    const r = assessLevy(d.inputs, doc);
    const parts = (a: typeof r) => Object.fromEntries(a.lines.map((l) => [l.componentId, l.amountCents]));
    return compare({ totalCents: d.assessment.totalCents, parts: parts(d.assessment) }, { totalCents: r.totalCents, parts: parts(r) });
  }

  /** The input events a score names, and whether each recorded input value is what they say. */
  async checkScoreInputs(farmId: string, event: StoredEvent) {
    const d = event.data as ScoreEvent['data'];
    const history = await this.history(farmId);
    const inputs = d.inputs.inputEventIds.map((id) => history.find((e) => e.id === id) ?? null);
    const missing = d.inputs.inputEventIds.filter((_, i) => !inputs[i]);
    const unsupported = Object.entries(d.inputs.indicators).filter(
      ([key, value]) => !inputs.some((e) => (e?.data as { indicators?: Record<string, { value: unknown }> })?.indicators?.[key]?.value === value),
    );
    // D45/D46: each recorded provenance names an event that holds the value, from that source, computed by that model version.
    const provenanceDiffers = Object.entries(d.inputs.provenance ?? {}).flatMap(([kpi, p]) =>
      p.indicators
        .filter((found) => {
          const e = inputs.find((x) => x?.id === found.eventId)?.data as Record<string, any> | undefined;
          return !e || e.source !== found.source || e.indicators?.[found.indicator]?.value !== found.value || (e.model ?? 'unrecorded') !== found.model || e.modelVersion !== found.modelVersion;
        })
        .map((found) => ({ kpi, indicator: found.indicator, eventId: found.eventId })),
    );
    return { inputEvents: inputs.filter((e): e is StoredEvent => !!e), missing, unsupported: unsupported.map(([key, value]) => ({ key, value })), provenanceDiffers };
  }

  /** Explains a score: its inputs, norm set and rule versions, and a recomputation that must be identical. */
  async explainScore(farmId: string, stream: string, scoreVersion?: number) {
    const events = (await this.store.readStream(stream)).filter((e) => e.type === 'ScoreCalculated' || e.type === 'ScoreRecalculated');
    const event = scoreVersion ? events.find((e) => (e.data as ScoreEvent['data']).scoreVersion === scoreVersion) : events.at(-1);
    if (!event) return null;
    const d = event.data as ScoreEvent['data'];
    const inputs = await this.checkScoreInputs(farmId, event);
    return {
      number: { stream, scoreVersion: d.scoreVersion, totalCents: d.result.totalCents, kpis: d.result.kpis, eventId: event.id, recordedAt: event.metadata.recordedAt, actor: event.metadata.actor },
      normSet: await this.normSet(d.normSet.id, d.normSet.version),
      ruleVersion: d.ruleVersion,
      inputs: d.inputs,
      inputEvents: inputs.inputEvents.map((e) => ({ id: e.id, type: e.type, streamId: e.streamId, recordedAt: e.metadata.recordedAt, actor: e.metadata.actor, authorisationId: e.metadata.authorisationId ?? null, data: e.data })),
      /**
       * Per KPI, where its values came from (D45/D46): the sources applied (the KPI's own or the
       * balance precedence) and per indicator the source, submission, event, model and model version.
       * Null for a score recorded before D46: its input events still name the submissions.
       */
      provenance: d.inputs.provenance ?? null,
      inputCheck: { missingEvents: inputs.missing, valuesNotInInputEvents: inputs.unsupported, provenanceNotInInputEvents: inputs.provenanceDiffers },
      recomputation: await this.recomputeScore(event),
    };
  }

  async explainLevy(stream: string, assessmentNo?: number) {
    const events = (await this.store.readStream(stream)).filter((e) => e.type === 'LevyAssessed');
    const event = assessmentNo ? events.find((e) => (e.data as LevyAssessed['data']).assessmentNo === assessmentNo) : events.at(-1);
    if (!event) return null;
    const d = event.data as LevyAssessed['data'];
    return {
      number: { stream, assessmentNo: d.assessmentNo, totalCents: d.assessment.totalCents, eventId: event.id, recordedAt: event.metadata.recordedAt },
      normSet: await this.normSet(d.assessment.normSet.id, d.assessment.normSet.version),
      ruleVersion: d.assessment.ruleVersion,
      lines: d.assessment.lines,
      inputs: d.inputs,
      inputEventIds: d.inputEventIds,
      recomputation: await this.recomputeLevy(event),
    };
  }

  /** Recomputes every recorded score and levy under its recorded norm version. */
  async verifyRecomputations(onProgress?: (checked: number) => void) {
    let scores = 0;
    let levies = 0;
    const mismatches: Array<{ eventId: string; streamId: string; differences: Recomputation['differences'] }> = [];
    for await (const batch of readAllInBatches(this.store, { batchSize: 10_000 })) {
      for (const e of batch) {
        let r: Recomputation | null = null;
        if (e.type === 'ScoreCalculated' || e.type === 'ScoreRecalculated') {
          scores++;
          r = await this.recomputeScore(e);
        } else if (e.type === 'LevyAssessed') {
          levies++;
          r = await this.recomputeLevy(e);
        }
        if (r && !r.identical) mismatches.push({ eventId: e.id, streamId: e.streamId, differences: r.differences });
      }
      onProgress?.(scores + levies);
    }
    return { scoresChecked: scores, leviesChecked: levies, mismatches };
  }
}
