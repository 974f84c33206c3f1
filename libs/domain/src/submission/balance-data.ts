import type { LandUse } from '../farm/farm';
import type { DataSource, QualityClass } from './data-source';
import type { IndicatorKey } from './indicator-keys';

export const INPUT_FLOW_KINDS = [
  'concentrates',
  'roughage-bought',
  'mineral-fertiliser',
  'organic-manure-received',
  'animals-bought',
  'bedding-other',
  'deposition',
  'fixation',
] as const;
export const OUTPUT_FLOW_KINDS = ['milk', 'animals-sold', 'manure-delivered', 'roughage-sold', 'crops-sold'] as const;
export type InputFlowKind = (typeof INPUT_FLOW_KINDS)[number];
export type OutputFlowKind = (typeof OUTPUT_FLOW_KINDS)[number];
export type FlowKind = InputFlowKind | OutputFlowKind;

/**
 * One mineral flow across the farm gate. N and P2O5 come either as contents (g per kg product)
 * or as kg; milk gives protein and fat % instead, and its N is derived (asb.md).
 */
export type Flow = Readonly<{
  kind: FlowKind;
  kgProduct: number;
  nContentGPerKg?: number;
  p2o5ContentGPerKg?: number;
  nKg?: number;
  p2o5Kg?: number;
  /** Milk only. */
  proteinPct?: number;
  fatPct?: number;
  /** Manure only: the farm on the other side of the transport. */
  counterpartyFarmId?: string;
  quality: QualityClass;
}>;

export type IndicatorValue = Readonly<{ value: number | boolean; quality: QualityClass }>;

/** What one source says about one farm-year. */
export type BalanceData = Readonly<{
  source: DataSource;
  sourceDocumentId: string;
  flows?: readonly Flow[];
  stockChange?: Readonly<{ nKg: number; p2o5Kg: number }>;
  indicators?: Readonly<Partial<Record<IndicatorKey, IndicatorValue>>>;
  /** Land in use as this source reports it (KLW, gecombineerde opgave). */
  landUse?: LandUse;
  /**
   * The model that computed the submission's figures and its version (D45), e.g. `KringloopWijzer`
   * `2025.01`: per submission, because one submission is one run of one source's calculation. A
   * submission with a `calculated` figure must name both; one whose figures are all registered or
   * measured records `model: 'none'`. Recorded since schema 2 of BalanceDataSubmitted/Corrected;
   * earlier submissions read `model: 'unrecorded'` (upcaster).
   */
  model?: string;
  modelVersion?: string;
}>;

/** `model` of a submission whose figures no model computed (registered, measured, self-declared, default). */
export const NO_MODEL = 'none';
/** `model` of a submission recorded before D45: which model computed it was not recorded. */
export const MODEL_UNRECORDED = 'unrecorded';
/** A model name: letters, digits, spaces and `._()/-`, as a source names its calculation. */
export const MODEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._()/-]{0,99}$/;
/** A model version as the source prints it: `2025.01`, `6.3.1`, `2024-2`. */
export const MODEL_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,49}$/;

export const isInputFlow = (kind: FlowKind): kind is InputFlowKind => (INPUT_FLOW_KINDS as readonly string[]).includes(kind);
