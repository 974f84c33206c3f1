import type { QualityClass } from '../submission/data-source';

/**
 * Seeded sampling within the margins (D51). Each farm-year draws from its own generator, seeded by
 * the scenario's seed, the farm, the year and the sample number: the draws do not depend on the order
 * in which farm-years are read, so the same scenario on the same log samples the same values.
 */
export type Margins = Readonly<Record<QualityClass, string>>;

/** FNV-1a over the text: a 32-bit seed. */
const hash32 = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/** mulberry32: small, fast and the same on every machine. */
export const seededRandom = (seed: number) => {
  let s = seed | 0;
  return (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const farmYearRandom = (seed: number, farmId: string, year: number, sample: number) => seededRandom(hash32(`${seed}:${farmId}:${year}:${sample}`));

/**
 * A value drawn uniformly within ± its class's margin, to 4 decimals (a figure is never known better
 * than that, and the exact decimals of the rules stay short).
 */
export const sampleWithin = (value: number, quality: QualityClass, margins: Margins, random: () => number): number => {
  const pct = Number(margins[quality] ?? margins.default);
  const drawn = value * (1 + (pct / 100) * (2 * random() - 1));
  return Math.round(drawn * 10_000) / 10_000;
};

/** The q-quantile of sorted numbers (nearest rank). */
export const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
