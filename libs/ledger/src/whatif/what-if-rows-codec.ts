import { OUTCOME_MEASURES, type FarmYearOutcome, type WhatIfFarmYear } from '@asb/domain';

/**
 * A worker's rows as numbers and a dictionary (D74): `v8.serialize` wrote every key and pseudonym of
 * every row (about 2 KB a farm-year, 165 MB for a shard of 75,000, and seconds to read back on the run's
 * thread). Here each string is written once and referred to by number, each record by its list of keys
 * (a *shape*, in key order) and its values; null measures are NaN (no measure is NaN). Decoding gives
 * rows equal to the encoded ones, key order included (property-tested).
 */
export type EncodedRows = Readonly<{ strings: string[]; shapes: number[][]; numbers: Float64Array }>;

const SCALARS = OUTCOME_MEASURES;

class Dictionary {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  readonly shapes: number[][] = [];
  private readonly shapeIndex = new Map<string, number>();
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.strings.push(s) - 1));
    return i;
  }
  shapeOf(keys: readonly string[]): number {
    const ids = keys.map((k) => this.of(k));
    const key = ids.join(',');
    let i = this.shapeIndex.get(key);
    if (i === undefined) this.shapeIndex.set(key, (i = this.shapes.push(ids) - 1));
    return i;
  }
}

/** A growing list of doubles. */
class Numbers {
  private data = new Float64Array(1 << 16);
  length = 0;
  push(n: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = n;
  }
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

const nullable = (n: number | null) => (n === null ? NaN : n);
const orNull = (n: number) => (Number.isNaN(n) ? null : n);

export const encodeRows = (rows: readonly WhatIfFarmYear[]): EncodedRows => {
  const dict = new Dictionary();
  const out = new Numbers();
  const record = (r: Readonly<Record<string, number | boolean>>) => {
    const keys = Object.keys(r);
    out.push(dict.shapeOf(keys));
    for (const k of keys) out.push(Number(r[k]));
  };
  const outcome = (o: FarmYearOutcome) => {
    for (const m of SCALARS) out.push(nullable(o[m]));
    record(o.parts);
    record(o.levied);
    record(o.tiers);
    out.push(o.blocking.length);
    for (const b of o.blocking) out.push(dict.of(b));
  };
  const text = (s: string | null) => (s === null ? -1 : dict.of(s));
  out.push(rows.length);
  for (const r of rows) {
    out.push(dict.of(r.farm));
    out.push(r.year);
    out.push(r.recorded ? 1 : 0);
    out.push(text(r.province));
    out.push(text(r.areaClass));
    out.push(text(r.soilClass));
    outcome(r.official);
    outcome(r.hypothetical);
    out.push(r.samples.length);
    for (const s of r.samples) for (const m of OUTCOME_MEASURES) out.push(nullable(s[m]));
  }
  return { strings: dict.strings, shapes: dict.shapes, numbers: out.done() };
};

export const decodeRows = ({ strings, shapes, numbers }: EncodedRows): WhatIfFarmYear[] => {
  let at = 0;
  const next = () => numbers[at++];
  const record = <T>(value: (n: number) => T): Record<string, T> => {
    const r: Record<string, T> = {};
    for (const k of shapes[next()]) r[strings[k]] = value(next());
    return r;
  };
  const outcome = (): FarmYearOutcome => {
    const [subsidyCents, levyCents, nSurplusKg, p2o5SurplusKg, nh3Kg, co2eKg] = SCALARS.map(() => next());
    const parts = record((n) => n);
    const levied = record((n) => n === 1);
    const tiers = record((n) => n);
    const blocking = Array.from({ length: next() }, () => strings[next()]);
    return { subsidyCents, levyCents, parts, levied, nSurplusKg: orNull(nSurplusKg), p2o5SurplusKg: orNull(p2o5SurplusKg), nh3Kg: orNull(nh3Kg), co2eKg: orNull(co2eKg), blocking, tiers };
  };
  const text = (n: number) => (n === -1 ? null : strings[n]);
  const rows: WhatIfFarmYear[] = [];
  for (let count = next(), i = 0; i < count; i++) {
    const farm = strings[next()];
    const year = next();
    const recorded = next() === 1;
    const province = text(next());
    const areaClass = strings[next()];
    const soilClass = strings[next()];
    const official = outcome();
    const hypothetical = outcome();
    const samples = Array.from({ length: next() }, () => Object.fromEntries(OUTCOME_MEASURES.map((m) => [m, orNull(next())])) as Record<(typeof OUTCOME_MEASURES)[number], number | null>);
    rows.push({ farm, year, recorded, province, areaClass, soilClass, official, hypothetical, samples });
  }
  return rows;
};
