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
}>;

export const isInputFlow = (kind: FlowKind): kind is InputFlowKind => (INPUT_FLOW_KINDS as readonly string[]).includes(kind);
