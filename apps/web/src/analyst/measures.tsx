import { formatEuros, formatNumber } from '../format';
import type { Interval } from './types';

/** A measure's figure as people read it: money in euros (the API keeps cents), the rest with its unit. */
export const formatMeasure = (unit: string, value: number): string => (unit === 'euro cent' ? formatEuros(value) : `${formatNumber(value)} ${unitName(unit)}`);

export const formatInterval = (unit: string, interval: Interval): string => (interval ? `${formatMeasure(unit, interval.low)} – ${formatMeasure(unit, interval.high)}` : '—');

const UNIT_NAMES: Record<string, string> = { 'kg N': 'kg N', 'kg P2O5': 'kg P₂O₅', 'kg NH3': 'kg NH₃', 'kg CO2-eq': 'kg CO₂-eq', 'euro cent': '€' };
export const unitName = (unit: string): string => UNIT_NAMES[unit] ?? unit;
