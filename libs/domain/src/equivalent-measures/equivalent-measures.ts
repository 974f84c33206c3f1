import Decimal from 'decimal.js';
import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import type { NormSetDocument, NormSetRef } from '../norms/norm-set';
import {
  EQUIVALENT_MEASURES,
  EVIDENCE_KINDS,
  FERTILISER_KINDS,
  SOIL_REGIONS,
  type EquivalentMeasure,
  type EquivalentMeasuresNorms,
  type EvidenceKind,
  type FertiliserKind,
  type SoilRegion,
} from './equivalent-measures-norms';
import { dutchCalendarDate } from '../shared/dutch-calendar-date';
import { validateNormSet } from '../norms/rule-families/validate-norm-set-document';
import { invalidField, optionalNumber, ownValue, recordedOptionalNumber, requireArray, requireNumber, requireObject, requireOneOf, requireString } from '../shared/guards';

const DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Evidence in a command (D31): yield and slurry are optional numbers of zero or more (null is
 * refused), the last slurry date an ISO date, the fertiliser kinds the records name a list of known
 * kinds; anything else is refused naming the field.
 */
const readEvidence = (raw: unknown): Evidence => {
  const e = requireObject(raw, 'evidence');
  const evidence: Record<string, unknown> = {
    evidenceId: requireString(e.evidenceId, 'evidence.evidenceId', 200),
    kind: requireOneOf(e.kind, EVIDENCE_KINDS, 'evidence.kind'),
    documentId: requireString(e.documentId, 'evidence.documentId', 200),
  };
  const yieldTHa = optionalNumber(e.yieldTHa, 'evidence.yieldTHa', { min: 0 });
  const slurry = optionalNumber(e.slurryNKgHa, 'evidence.slurryNKgHa', { min: 0 });
  if (yieldTHa !== undefined) evidence.yieldTHa = yieldTHa;
  if (slurry !== undefined) evidence.slurryNKgHa = slurry;
  if (e.lastSlurryDate !== undefined) {
    if (typeof e.lastSlurryDate !== 'string' || !DATE.test(e.lastSlurryDate) || Number.isNaN(Date.parse(e.lastSlurryDate.slice(0, 10)))) {
      invalidField('INVALID_DATE', 'lastSlurryDate is a date (YYYY-MM-DD)', 'evidence.lastSlurryDate');
    }
    evidence.lastSlurryDate = e.lastSlurryDate;
  }
  if (e.fertiliserKinds !== undefined) {
    const kinds = requireArray(e.fertiliserKinds, 'evidence.fertiliserKinds');
    if (kinds.length > FERTILISER_KINDS.length) invalidField('INVALID_ARRAY', `at most ${FERTILISER_KINDS.length} fertiliser kinds`, 'evidence.fertiliserKinds');
    evidence.fertiliserKinds = [...new Set(kinds.map((k, i) => requireOneOf(k, FERTILISER_KINDS, `evidence.fertiliserKinds.${i}`)))];
  }
  return evidence as Evidence;
};

/** Evidence as recorded: null yield, slurry or date read as absent (old events may hold them); unknown fertiliser kinds are kept as named. */
const recordedEvidence = (e: Evidence, i: number): { yieldTHa?: number; slurryNKgHa?: number; lastSlurryDate?: string; kind: unknown; fertiliserKinds?: readonly string[] } => ({
  kind: e.kind,
  yieldTHa: recordedOptionalNumber(e.yieldTHa, `evidence[${i}].yieldTHa`),
  slurryNKgHa: recordedOptionalNumber(e.slurryNKgHa, `evidence[${i}].slurryNKgHa`),
  lastSlurryDate: typeof e.lastSlurryDate === 'string' ? e.lastSlurryDate : undefined,
  fertiliserKinds: Array.isArray(e.fertiliserKinds) ? e.fertiliserKinds.filter((k): k is FertiliserKind => typeof k === 'string') : undefined,
});

export type { EvidenceKind };

export type Evidence = Readonly<{
  evidenceId: string;
  kind: EvidenceKind;
  documentId: string;
  yieldTHa?: number;
  slurryNKgHa?: number;
  lastSlurryDate?: string;
  /** The fertiliser kinds the farm's records (manure and remark codes) show on the parcels of the measure. */
  fertiliserKinds?: readonly FertiliserKind[];
}>;

type Key = { farmId: string; registrationId: string };

/**
 * `registeredAt` is the moment of registration the registration document shows (RVO's receipt: a
 * date or a date-time), which the deadline is compared with; the envelope's `recordedAt` is when the
 * ledger learnt of it. Events recorded before D42 carry no document and the system's time.
 */
export type EquivalentMeasureRegistered = DomainEvent<
  'EquivalentMeasureRegistered',
  Key & { measure: EquivalentMeasure; crop: string; soilRegion: SoilRegion; year: number; registeredAt: string; registrationDocumentId?: string; areaHa?: number }
>;
export type EquivalentMeasureEvidenceSubmitted = DomainEvent<'EquivalentMeasureEvidenceSubmitted', Key & Evidence & { submittedAt: string }>;
export type MonitoringFeePaid = DomainEvent<'MonitoringFeePaid', Key & { amountCents: number; paidAt: string }>;
export type FarmSpecificNormGranted = DomainEvent<
  'FarmSpecificNormGranted',
  Key & {
    measure: EquivalentMeasure;
    crop: string;
    soilRegion: SoilRegion;
    year: number;
    extraNKgHa: string;
    extraP2o5KgHa: string;
    /** The hectares the extra applies to, when the registration named them (D42). */
    areaHa?: number;
    normSet: NormSetRef;
    decidedBy: string;
    grantedAt: string;
    keepRecordsUntil: string;
  }
>;
export type EquivalentMeasureRefused = DomainEvent<'EquivalentMeasureRefused', Key & { reasons: readonly { code: string; message: string }[]; normSet: NormSetRef; decidedBy: string; refusedAt: string }>;
export type EquivalentMeasureEvent = EquivalentMeasureRegistered | EquivalentMeasureEvidenceSubmitted | MonitoringFeePaid | FarmSpecificNormGranted | EquivalentMeasureRefused;

export type RegisterEquivalentMeasure = Command<
  'RegisterEquivalentMeasure',
  Key & {
    measure: EquivalentMeasure;
    crop: string;
    soilRegion: SoilRegion;
    year: number;
    registeredAt: string;
    registrationDocumentId: string;
    /** Hectares of the crop the measure is used on (the records keep them, seed 004); the usage-norm check weighs the extra by them. */
    areaHa?: number;
    now: string;
  }
>;
export type SubmitEvidence = Command<'SubmitEvidence', Key & { evidence: Evidence; now: string }>;
export type PayMonitoringFee = Command<'PayMonitoringFee', Key & { amountCents: number; now: string }>;
export type DecideEquivalentMeasure = Command<'DecideEquivalentMeasure', Key & { norms: NormSetDocument<EquivalentMeasuresNorms>; actorId: string; now: string }>;
export type EquivalentMeasureCommand = RegisterEquivalentMeasure | SubmitEvidence | PayMonitoringFee | DecideEquivalentMeasure;

export type Registration = Readonly<{
  measure: EquivalentMeasure;
  crop: string;
  soilRegion: SoilRegion;
  year: number;
  registeredAt: string;
  registrationDocumentId?: string;
  areaHa?: number;
  evidence: readonly Evidence[];
  feePaidCents: number;
  decision: 'pending' | 'granted' | 'refused';
}>;
export type FarmEquivalentMeasures = Readonly<{ registrations: Readonly<Record<string, Registration>> }>;

type Reason = { code: string; message: string };

/** The reason code for a missing kind of evidence: `buyer-authorisation` → `MISSING_BUYER_AUTHORISATION`. */
export const missingEvidenceCode = (kind: string) => `MISSING_${kind.toUpperCase().replace(/-/g, '_')}`;

const EVIDENCE_NAMES: Record<EvidenceKind, string> = {
  'buyer-authorisation': "the buyer's authorisation to provide the quantities bought",
  'buyer-written-proof': "the buyer's written proof",
  'accountant-composition-statement': "the accountant's composition statement",
  'yield-records': 'the yield records',
  'slurry-records': 'the slurry records',
  'fertiliser-records': 'the fertiliser records',
  'equipment-invoice': 'the invoice of the fertilisation equipment',
};

/**
 * Whether the registration was in time: its Dutch calendar date on or before the deadline's
 * ("uiterlijk op 1 juni 2017", inclusive; D42). A deadline given as an instant counts by its Dutch date.
 */
export const registeredInTime = (registeredAt: string, deadline: string): boolean => {
  const day = dutchCalendarDate(registeredAt);
  const last = dutchCalendarDate(deadline);
  return day !== null && last !== null && day <= last;
};

/** The conditions of seed 004, each with a clear reason when not met. */
export const checkConditions = (r: Registration, norms: EquivalentMeasuresNorms): { reasons: Reason[]; extraN: Decimal; extraP: Decimal } => {
  const reasons: Reason[] = [];
  let extraN = new Decimal(0);
  let extraP = new Decimal(0);
  if (!registeredInTime(r.registeredAt, norms.registrationDeadline)) {
    reasons.push({ code: 'LATE_REGISTRATION', message: `registered ${dutchCalendarDate(r.registeredAt) ?? r.registeredAt}, the deadline was ${dutchCalendarDate(norms.registrationDeadline)} (inclusive)` });
  }
  if (!(r.feePaidCents >= norms.monitoringFeeCents)) reasons.push({ code: 'FEE_NOT_PAID', message: `the monitoring fee of EUR ${norms.monitoringFeeCents / 100} has not been paid` });
  const evidence = r.evidence.map(recordedEvidence);
  const yields = evidence.filter((e) => e.yieldTHa !== undefined).map((e) => new Decimal(String(e.yieldTHa)));
  const yieldTHa = yields.length ? Decimal.max(...yields) : null;
  const needYield = (min: string) => {
    if (yieldTHa === null) reasons.push({ code: 'NO_YIELD_EVIDENCE', message: 'no yield evidence submitted' });
    else if (yieldTHa.lt(min)) reasons.push({ code: 'YIELD_BELOW_THRESHOLD', message: `yield ${yieldTHa} t/ha is below the ${min} t/ha this measure needs for ${r.crop}` });
  };
  // Evidence per crop (norm data, D42): every kind the crop's rule lists must be there.
  const required = ownValue(ownValue(norms.evidenceRequired, r.measure) ?? {}, r.crop);
  for (const kind of required ?? []) {
    if (!evidence.some((e) => e.kind === kind)) {
      reasons.push({ code: missingEvidenceCode(kind), message: `${ownValue(EVIDENCE_NAMES, kind) ?? kind} is missing (${r.measure}, ${r.crop})` });
    }
  }
  // Allowed fertiliser kinds (norm data, D42): the records must name what was used, and only what is allowed.
  const rule = ownValue(norms.allowedFertiliserKinds, r.measure);
  const allowed = rule ? (ownValue(rule, r.soilRegion) ?? ownValue(rule, 'default')) : undefined;
  if (allowed) {
    const declared = evidence.filter((e) => e.fertiliserKinds !== undefined);
    if (!declared.length) reasons.push({ code: 'NO_FERTILISER_RECORDS', message: `the records must show which fertilisers were used (allowed: ${allowed.join(', ')})` });
    const used = [...new Set(declared.flatMap((e) => e.fertiliserKinds ?? []))];
    for (const kind of used) {
      if (!(allowed as readonly string[]).includes(kind)) reasons.push({ code: 'FERTILISER_NOT_ALLOWED', message: `${kind} is not allowed under ${r.measure} on ${r.soilRegion} (allowed: ${allowed.join(', ')})` });
    }
  }
  switch (r.measure) {
    case 'higher-n-yield': {
      const row = ownValue(norms.higherNYield, r.crop);
      if (!row) {
        reasons.push({ code: 'CROP_NOT_COVERED', message: `no higher-N norm for ${r.crop}` });
        break;
      }
      needYield(row.minYieldTHa);
      const cap = ownValue(norms.slurryNCapKgHa as Record<string, string>, r.soilRegion) ?? norms.slurryNCapKgHa.elsewhere;
      for (const e of evidence) {
        if (e.slurryNKgHa !== undefined && new Decimal(String(e.slurryNKgHa)).gt(cap)) {
          reasons.push({ code: 'SLURRY_ABOVE_CAP', message: `slurry ${e.slurryNKgHa} kg N/ha is above the ${cap} kg N/ha cap on ${r.soilRegion}` });
        }
        if (e.lastSlurryDate && (dutchCalendarDate(e.lastSlurryDate) ?? e.lastSlurryDate.slice(0, 10)).slice(5, 10) > norms.lastSlurryDay) {
          reasons.push({ code: 'SLURRY_AFTER_1_JULY', message: `slurry was applied on ${e.lastSlurryDate}, after ${norms.lastSlurryDay}` });
        }
      }
      extraN = new Decimal(row.extraNKgHa);
      break;
    }
    case 'p-low-phosphate-high-yield': {
      const min = ownValue(norms.lowPhosphateHighYield.minYieldTHa, r.crop);
      if (!min) reasons.push({ code: 'CROP_NOT_COVERED', message: `no low-phosphate yield threshold for ${r.crop}` });
      else needYield(min);
      extraP = new Decimal(norms.lowPhosphateHighYield.extraP2o5KgHa);
      break;
    }
    case 'p-neutral-phosphate': {
      const table = ownValue(norms.neutralPhosphate, r.crop);
      if (!table) {
        reasons.push({ code: 'CROP_NOT_COVERED', message: `no neutral-phosphate table for ${r.crop}` });
        break;
      }
      needYield(table[0].fromYieldTHa);
      const row = yieldTHa ? [...table].reverse().find((t) => yieldTHa.gte(t.fromYieldTHa)) : undefined;
      extraP = new Decimal(row?.extraP2o5KgHa ?? '0');
      break;
    }
    case 'row-fertilisation-maize': {
      const extra = ownValue(norms.rowFertilisationMaizeExtraNKgHa as Record<string, string>, r.soilRegion);
      if (!norms.rowFertilisationCrops.includes(r.crop)) reasons.push({ code: 'CROP_NOT_COVERED', message: `row fertilisation applies to ${norms.rowFertilisationCrops.join(', ')}` });
      if (!extra) reasons.push({ code: 'SOIL_NOT_COVERED', message: `row fertilisation gives no extra N on ${r.soilRegion}` });
      extraN = new Decimal(extra ?? '0');
      break;
    }
    default:
      assertNever(r.measure);
  }
  return { reasons, extraN, extraP };
};

/**
 * The moment of registration from the registration document (D42): a real date or date-time, on a
 * Dutch calendar day no later than today's (the command's `now`, the system's time).
 */
const areaOf = (v: unknown): { areaHa?: number } => {
  const areaHa = optionalNumber(v, 'areaHa', { min: 0 });
  return areaHa === undefined ? {} : { areaHa };
};

const readRegisteredAt = (value: unknown, now: string): string => {
  const day = dutchCalendarDate(value);
  if (day === null) return invalidField('INVALID_DATE', 'registeredAt is the date (YYYY-MM-DD) or date-time of the registration document', 'registeredAt');
  const today = dutchCalendarDate(now);
  if (today !== null && day > today) return invalidField('REGISTRATION_DATE_IN_FUTURE', `registeredAt ${day} is after today (${today})`, 'registeredAt');
  return value as string;
};

export const decideEquivalentMeasure = (command: EquivalentMeasureCommand, state: FarmEquivalentMeasures): EquivalentMeasureEvent[] => {
  const { farmId, registrationId, now } = command.data;
  const key = { farmId, registrationId };
  const existing = ownValue(state.registrations, registrationId);
  switch (command.type) {
    case 'RegisterEquivalentMeasure':
      if (existing) return refuse('REGISTRATION_EXISTS', `registration ${registrationId} exists`, 'conflict', 'registrationId');
      requireOneOf(command.data.measure, EQUIVALENT_MEASURES, 'measure');
      requireOneOf(command.data.soilRegion, SOIL_REGIONS, 'soilRegion');
      requireString(command.data.crop, 'crop', 100);
      requireNumber(command.data.year, 'year', { integer: true, min: 1900 });
      return [
        {
          type: 'EquivalentMeasureRegistered',
          data: {
            ...key,
            measure: command.data.measure,
            crop: command.data.crop,
            soilRegion: command.data.soilRegion,
            year: command.data.year,
            registeredAt: readRegisteredAt(command.data.registeredAt, now),
            registrationDocumentId: requireString(command.data.registrationDocumentId, 'registrationDocumentId', 200),
            ...areaOf(command.data.areaHa),
          },
        },
      ];
    case 'SubmitEvidence':
      if (!existing) return refuse('REGISTRATION_NOT_FOUND', `no registration ${registrationId}`, 'not_found', 'registrationId');
      if (existing.decision !== 'pending') return refuse('ALREADY_DECIDED', 'the registration has been decided', 'conflict');
      readEvidence(command.data.evidence);
      return [{ type: 'EquivalentMeasureEvidenceSubmitted', data: { ...key, ...command.data.evidence, submittedAt: now } }];
    case 'PayMonitoringFee':
      if (!existing) return refuse('REGISTRATION_NOT_FOUND', `no registration ${registrationId}`, 'not_found', 'registrationId');
      if (existing.feePaidCents > 0) return refuse('FEE_ALREADY_PAID', 'the monitoring fee is paid', 'conflict');
      // A decided registration is final (D42): a fee recorded after the decision would change it.
      if (existing.decision !== 'pending') return refuse('ALREADY_DECIDED', 'the registration has been decided', 'conflict');
      requireNumber(command.data.amountCents, 'amountCents', { integer: true, min: 0 });
      return [{ type: 'MonitoringFeePaid', data: { ...key, amountCents: command.data.amountCents, paidAt: now } }];
    case 'DecideEquivalentMeasure': {
      if (!existing) return refuse('REGISTRATION_NOT_FOUND', `no registration ${registrationId}`, 'not_found', 'registrationId');
      if (existing.decision !== 'pending') return refuse('ALREADY_DECIDED', 'the registration has been decided', 'conflict');
      const norms = requireObject(command.data.norms, 'norms') as DecideEquivalentMeasure['data']['norms'];
      if (norms.kind !== 'usage-norms') return refuse('WRONG_NORM_SET_KIND', `equivalente maatregelen are decided under a usage-norms set, not ${String(norms.kind)}`, 'invalid', 'norms.kind');
      validateNormSet(norms);
      const ref = { id: norms.normSetId, version: norms.version };
      const { reasons, extraN, extraP } = checkConditions(existing, norms.parameters);
      if (reasons.length) return [{ type: 'EquivalentMeasureRefused', data: { ...key, reasons, normSet: ref, decidedBy: command.data.actorId, refusedAt: now } }];
      return [
        {
          type: 'FarmSpecificNormGranted',
          data: {
            ...key, measure: existing.measure, crop: existing.crop, soilRegion: existing.soilRegion, year: existing.year,
            extraNKgHa: extraN.toString(), extraP2o5KgHa: extraP.toString(), ...(existing.areaHa !== undefined ? { areaHa: existing.areaHa } : {}), normSet: ref, decidedBy: command.data.actorId, grantedAt: now,
            keepRecordsUntil: `${existing.year + norms.parameters.recordsKeptYears}-12-31`,
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

export const evolveEquivalentMeasures = (state: FarmEquivalentMeasures, event: EquivalentMeasureEvent): FarmEquivalentMeasures => {
  const r = ownValue(state.registrations, event.data.registrationId);
  const put = (next: Registration) => ({ registrations: { ...state.registrations, [event.data.registrationId]: next } });
  switch (event.type) {
    case 'EquivalentMeasureRegistered':
      return put({
        measure: event.data.measure,
        crop: event.data.crop,
        soilRegion: event.data.soilRegion,
        year: event.data.year,
        registeredAt: event.data.registeredAt,
        ...(event.data.registrationDocumentId !== undefined ? { registrationDocumentId: event.data.registrationDocumentId } : {}),
        ...(typeof event.data.areaHa === 'number' ? { areaHa: event.data.areaHa } : {}),
        evidence: [],
        feePaidCents: 0,
        decision: 'pending',
      });
    case 'EquivalentMeasureEvidenceSubmitted': {
      const { farmId: _f, registrationId: _r, submittedAt: _s, ...evidence } = event.data;
      return r ? put({ ...r, evidence: [...r.evidence, evidence] }) : state;
    }
    case 'MonitoringFeePaid':
      return r ? put({ ...r, feePaidCents: event.data.amountCents }) : state;
    case 'FarmSpecificNormGranted':
      return r ? put({ ...r, decision: 'granted' }) : state;
    case 'EquivalentMeasureRefused':
      return r ? put({ ...r, decision: 'refused' }) : state;
    default:
      return assertNever(event);
  }
};

export const equivalentMeasuresDecider: Decider<FarmEquivalentMeasures, EquivalentMeasureCommand, EquivalentMeasureEvent> = {
  decide: decideEquivalentMeasure,
  evolve: evolveEquivalentMeasures,
  initialState: () => ({ registrations: {} }),
};

/** A granted farm-specific norm as the usage-norm check reads it, with the event that granted it. */
export type GrantedFarmSpecificNorm = Readonly<{ eventId: string; registrationId: string; year: number; measure: string; crop: string; extraNKgHa: string; extraP2o5KgHa: string; areaHa?: number }>;

/**
 * The farm-specific norms granted for a year, read from the farm's equivalente-maatregelen stream as
 * recorded (D31: a malformed recorded grant is skipped, never thrown on).
 */
export const grantedFarmSpecificNorms = (events: ReadonlyArray<{ id: string; type: string; data: unknown }>, year: number): GrantedFarmSpecificNorm[] =>
  events.flatMap((e) => {
    if (e.type !== 'FarmSpecificNormGranted' || e.data === null || typeof e.data !== 'object') return [];
    const d = e.data as Partial<FarmSpecificNormGranted['data']>;
    const decimal = (v: unknown) => typeof v === 'string' && /^\d+(\.\d+)?$/.test(v);
    if (d.year !== year || !decimal(d.extraNKgHa) || !decimal(d.extraP2o5KgHa) || typeof d.registrationId !== 'string') return [];
    const areaHa = typeof d.areaHa === 'number' && Number.isFinite(d.areaHa) && d.areaHa >= 0 ? { areaHa: d.areaHa } : {};
    return [{ eventId: e.id, registrationId: d.registrationId, year, measure: String(d.measure), crop: String(d.crop), extraNKgHa: d.extraNKgHa!, extraP2o5KgHa: d.extraP2o5KgHa!, ...areaHa }];
  });
