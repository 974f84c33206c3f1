import type { LandUse } from '../farm/farm';
import { invalidField, isPlainObject, ownValue, optionalNumber, recordedOptionalNumber, requireNumber, requireObject, requireOneOf, requireString } from '../shared/guards';
import { INPUT_FLOW_KINDS, MODEL_PATTERN, MODEL_UNRECORDED, MODEL_VERSION_PATTERN, NO_MODEL, OUTPUT_FLOW_KINDS, type BalanceData, type Flow, type FlowKind, type IndicatorValue } from './balance-data';
import { isDataSourceFormat, QUALITY_CLASSES } from './data-source';
import type { IndicatorKey } from './indicator-keys';
import { isIndicatorKeyFormat, SHIPPED_DATA_SOURCES, SHIPPED_INDICATOR_VOCABULARY, type IndicatorVocabulary } from '../norms/indicator-catalogue';

/**
 * Reads farm data at the domain's entrance (D31). `command`: what a request brings — a missing
 * optional is absent, null or any value outside the declared type is refused. `recorded`: what the
 * log already holds — null on an optional field reads as absent (old events may hold it), anything
 * else outside the declared type is refused. Either way the answer is well-typed data or a
 * DomainError of kind 'invalid' naming the field (`flows.0.nContentGPerKg`).
 */
export type ReadMode = 'command' | 'recorded';

const FLOW_KINDS: readonly FlowKind[] = [...INPUT_FLOW_KINDS, ...OUTPUT_FLOW_KINDS];
const OPTIONAL_FLOW_NUMBERS = ['nContentGPerKg', 'p2o5ContentGPerKg', 'nKg', 'p2o5Kg', 'proteinPct', 'fatPct'] as const;

const optional = (mode: ReadMode) => (mode === 'command' ? optionalNumber : recordedOptionalNumber);
const isAbsent = (v: unknown, mode: ReadMode) => v === undefined || (mode === 'recorded' && v === null);

export const readLandUse = (v: unknown, field: string): LandUse => {
  const o = requireObject(v, field);
  return {
    grasslandHa: requireNumber(o.grasslandHa, `${field}.grasslandHa`, { min: 0 }),
    maizeHa: requireNumber(o.maizeHa, `${field}.maizeHa`, { min: 0 }),
    arableHa: requireNumber(o.arableHa, `${field}.arableHa`, { min: 0 }),
  };
};

const readFlow = (v: unknown, field: string, mode: ReadMode): Flow => {
  const o = requireObject(v, field);
  const flow: Record<string, unknown> = {
    kind: requireOneOf(o.kind, FLOW_KINDS, `${field}.kind`),
    kgProduct: requireNumber(o.kgProduct, `${field}.kgProduct`, { min: 0 }),
    quality: requireOneOf(o.quality, QUALITY_CLASSES, `${field}.quality`),
  };
  for (const key of OPTIONAL_FLOW_NUMBERS) {
    const n = optional(mode)(o[key], `${field}.${key}`);
    if (n !== undefined) flow[key] = n;
  }
  if (!isAbsent(o.counterpartyFarmId, mode)) flow.counterpartyFarmId = requireString(o.counterpartyFarmId, `${field}.counterpartyFarmId`, 100);
  return flow as Flow;
};

/**
 * A command may carry only indicators the vocabulary declares (the published catalogues', D40), each
 * with a value of its declared type; what is recorded is read by key format only, so an event stays
 * readable whatever the catalogues say later.
 */
const readIndicators = (v: unknown, field: string, mode: ReadMode, vocabulary: IndicatorVocabulary): Partial<Record<IndicatorKey, IndicatorValue>> => {
  const o = requireObject(v, field);
  const out: Partial<Record<IndicatorKey, IndicatorValue>> = {};
  for (const key of Object.keys(o)) {
    const at = `${field}.${key}`;
    const declared = ownValue(vocabulary, key);
    if (!isIndicatorKeyFormat(key) || (mode === 'command' && declared === undefined)) invalidField('UNKNOWN_INDICATOR', `${key} is not a known indicator`, at);
    const entry = o[key];
    if (isAbsent(entry, mode)) continue;
    const e = requireObject(entry, at);
    if (mode === 'command' && declared === 'boolean' && typeof e.value !== 'boolean') invalidField('INVALID_BOOLEAN', `${key} takes true or false`, `${at}.value`);
    if (mode === 'command' && declared === 'number' && typeof e.value === 'boolean') invalidField('INVALID_NUMBER', `${key} takes a finite number`, `${at}.value`);
    const value = typeof e.value === 'boolean' ? e.value : requireNumber(e.value, `${at}.value`);
    out[key as IndicatorKey] = { value, quality: requireOneOf(e.quality, QUALITY_CLASSES, `${at}.quality`) };
  }
  return out;
};

/** A command names a declared data source (D40); what is recorded is read by format. */
const readSource = (v: unknown, field: string, mode: ReadMode, sources: readonly string[]): string => {
  if (!isDataSourceFormat(v) || (mode === 'command' && !sources.includes(v))) return invalidField('INVALID_VALUE', `${String(v)} is not a data source any published catalogue declares`, field);
  return v;
};

/** Farm data as a source submits it (or as it was recorded), checked field by field. */
export const readBalanceData = (
  v: unknown,
  field: string,
  mode: ReadMode,
  vocabulary: IndicatorVocabulary = SHIPPED_INDICATOR_VOCABULARY,
  sources: readonly string[] = SHIPPED_DATA_SOURCES,
): BalanceData => {
  const prefix = field ? `${field}.` : '';
  if (!isPlainObject(v)) return invalidField('INVALID_OBJECT', 'farm data is an object', field || 'data');
  const data: Record<string, unknown> = {
    source: readSource(v.source, `${prefix}source`, mode, sources),
    sourceDocumentId: requireString(v.sourceDocumentId, `${prefix}sourceDocumentId`, 200),
  };
  if (!isAbsent(v.flows, mode)) {
    if (!Array.isArray(v.flows)) invalidField('INVALID_ARRAY', 'flows is a list', `${prefix}flows`);
    data.flows = (v.flows as unknown[]).map((f, i) => readFlow(f, `${prefix}flows.${i}`, mode));
  }
  if (!isAbsent(v.stockChange, mode)) {
    const s = requireObject(v.stockChange, `${prefix}stockChange`);
    data.stockChange = { nKg: requireNumber(s.nKg, `${prefix}stockChange.nKg`), p2o5Kg: requireNumber(s.p2o5Kg, `${prefix}stockChange.p2o5Kg`) };
  }
  if (!isAbsent(v.indicators, mode)) data.indicators = readIndicators(v.indicators, `${prefix}indicators`, mode, vocabulary);
  if (!isAbsent(v.landUse, mode)) data.landUse = readLandUse(v.landUse, `${prefix}landUse`);
  readModel(v, data, prefix, mode);
  return data as BalanceData;
};

const hasCalculatedFigure = (data: Record<string, unknown>): string | undefined => {
  const flows = (data.flows ?? []) as readonly Flow[];
  const i = flows.findIndex((f) => f.quality === 'calculated');
  if (i >= 0) return `flows.${i}.quality`;
  const key = Object.entries((data.indicators ?? {}) as Record<string, IndicatorValue>).find(([, e]) => e.quality === 'calculated')?.[0];
  return key === undefined ? undefined : `indicators.${key}.quality`;
};

/**
 * The model and model version (D45). A command: both or neither; `none` (no model) takes no version;
 * `unrecorded` is the upcaster's, never a submitter's; a submission with a `calculated` figure names
 * both — a figure computed by a model is reproducible only with the model's version. What is
 * recorded is read by format: absent (an event of schema 1 read without the upcaster) stays absent.
 */
const readModel = (v: Record<string, unknown>, data: Record<string, unknown>, prefix: string, mode: ReadMode) => {
  const model = isAbsent(v.model, mode) ? undefined : v.model;
  const version = isAbsent(v.modelVersion, mode) ? undefined : v.modelVersion;
  if (model !== undefined && (typeof model !== 'string' || !MODEL_PATTERN.test(model))) invalidField('INVALID_MODEL', 'model is the name of the model that computed the figures (letters, digits, spaces, ._()/-)', `${prefix}model`);
  if (version !== undefined && (typeof version !== 'string' || !MODEL_VERSION_PATTERN.test(version))) invalidField('INVALID_MODEL_VERSION', 'modelVersion is the version of the model as its source prints it (e.g. 2025.01)', `${prefix}modelVersion`);
  if (mode === 'command') {
    if (model === MODEL_UNRECORDED) invalidField('INVALID_MODEL', `${MODEL_UNRECORDED} is what the ledger reads for submissions recorded before models were; a submission names its model or ${NO_MODEL}`, `${prefix}model`);
    if (model === NO_MODEL && version !== undefined) invalidField('MODEL_VERSION_WITHOUT_MODEL', `a figure computed by no model has no model version`, `${prefix}modelVersion`);
    if (model === undefined && version !== undefined) invalidField('MODEL_REQUIRED', 'a model version belongs to a model: name the model too', `${prefix}model`);
    if (model !== undefined && model !== NO_MODEL && version === undefined) invalidField('MODEL_VERSION_REQUIRED', `${String(model)} figures are reproducible only with the model version that computed them: give modelVersion`, `${prefix}modelVersion`);
    const calculated = hasCalculatedFigure(data);
    if (calculated && (model === undefined || model === NO_MODEL)) {
      invalidField('MODEL_REQUIRED', `${calculated} is a calculated figure: name the model and model version that computed it`, `${prefix}model`);
    }
  }
  if (model !== undefined) data.model = model;
  if (version !== undefined) data.modelVersion = version;
};
