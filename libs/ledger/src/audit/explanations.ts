import { explainScoreKpis, streams, type LevyAssessed, type NormSetDocument, type SchemeNorms, type ScoreCalculated, type ScoreRecalculated } from '@asb/domain';
import { canonicalJson, sha256Hex, type EventStore, type StoredEvent } from '@asb/event-store';
import type { FarmHistory } from './farm-history';
import type { Recomputations } from './recomputations';

type ScoreEvent = ScoreCalculated | ScoreRecalculated;

/**
 * The norm set a score names, cut to what the score used: its identity (id, version, title, legal
 * basis, and the SHA-256 of the whole version's canonical JSON, which `GET /norm-sets/{id}` of that
 * version hashes to) and its KPI rules, not every parameter of the scheme.
 */
const normSetUsed = (doc: NormSetDocument<SchemeNorms>) => ({
  id: doc.normSetId,
  version: doc.version,
  title: doc.title,
  legalBasis: doc.legalBasis,
  effectiveFrom: doc.effectiveFrom,
  hash: sha256Hex(canonicalJson(doc)),
  kpis: doc.parameters.kpis,
});

/** The explanation of a published number: its input events, norm-set and rule versions, and a recomputation that must be identical. */
export class Explanations {
  constructor(
    private readonly store: EventStore,
    private readonly farms: FarmHistory,
    private readonly recomputations: Recomputations,
  ) {}

  /** The input events a score names, and whether each recorded input value is what they say. */
  async checkScoreInputs(farmId: string, event: StoredEvent) {
    const d = event.data as ScoreEvent['data'];
    const history = await this.farms.history(farmId);
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
  async explainScore(scheme: string, farmId: string, year: number, scoreVersion?: number) {
    const stream = streams.score(scheme, farmId, year);
    const events = (await this.store.readStream(stream)).filter((e) => e.type === 'ScoreCalculated' || e.type === 'ScoreRecalculated');
    const event = scoreVersion ? events.find((e) => (e.data as ScoreEvent['data']).scoreVersion === scoreVersion) : events.at(-1);
    if (!event) return null;
    const d = event.data as ScoreEvent['data'];
    const inputs = await this.checkScoreInputs(farmId, event);
    const normSet = (await this.recomputations.normSet(d.normSet.id, d.normSet.version)) as NormSetDocument<SchemeNorms> | null;
    if (!normSet) throw new Error(`norm set ${d.normSet.id} v${d.normSet.version} is not in the log`);
    return {
      number: { stream, scoreVersion: d.scoreVersion, totalCents: d.result.totalCents, kpis: d.result.kpis, eventId: event.id, recordedAt: event.metadata.recordedAt, actor: event.metadata.actor },
      normSet: normSetUsed(normSet),
      ruleVersion: d.ruleVersion,
      /** Per KPI, from the recorded inputs and the norm set's tables: value → tier → amount, and what reaches the next tier. */
      explanation: explainScoreKpis(d.inputs, normSet),
      cap: { yearlyCapCents: normSet.parameters.yearlyCapCents, uncappedCents: d.result.uncappedCents, applied: d.result.totalCents < d.result.uncappedCents },
      inputs: d.inputs,
      inputEvents: inputs.inputEvents.map((e) => ({ id: e.id, type: e.type, streamId: e.streamId, recordedAt: e.metadata.recordedAt, actor: e.metadata.actor, authorisationId: e.metadata.authorisationId ?? null, data: e.data })),
      /**
       * Per KPI, where its values came from (D45/D46): the sources applied (the KPI's own or the
       * balance precedence) and per indicator the source, submission, event, model and model version.
       * Null for a score recorded before D46: its input events still name the submissions.
       */
      provenance: d.inputs.provenance ?? null,
      inputCheck: { missingEvents: inputs.missing, valuesNotInInputEvents: inputs.unsupported, provenanceNotInInputEvents: inputs.provenanceDiffers },
      recomputation: await this.recomputations.recompute(event),
    };
  }

  async explainLevy(levyId: string, farmId: string, year: number, assessmentNo?: number) {
    const stream = streams.levy(levyId, farmId, year);
    const events = (await this.store.readStream(stream)).filter((e) => e.type === 'LevyAssessed');
    const event = assessmentNo ? events.find((e) => (e.data as LevyAssessed['data']).assessmentNo === assessmentNo) : events.at(-1);
    if (!event) return null;
    const d = event.data as LevyAssessed['data'];
    return {
      number: { stream, assessmentNo: d.assessmentNo, totalCents: d.assessment.totalCents, eventId: event.id, recordedAt: event.metadata.recordedAt },
      normSet: await this.recomputations.normSet(d.assessment.normSet.id, d.assessment.normSet.version),
      ruleVersion: d.assessment.ruleVersion,
      lines: d.assessment.lines,
      inputs: d.inputs,
      inputEventIds: d.inputEventIds,
      recomputation: await this.recomputations.recompute(event),
    };
  }
}
