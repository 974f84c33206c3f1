/**
 * A score's explanation per KPI in plain words (Dutch and English), from what the API computed
 * (`GET /audit/explain/scores/…`, explainScoreKpis): the value the score used, the tier met, the amount,
 * and what value reaches the next tier. Nothing here compares a value with a threshold: the page
 * never recomputes the score (it would contradict the score after a correction).
 */
import type { Both, Lang } from './names';

export type TierReached = Readonly<{ rank: number; of: number; threshold: string; cents: number }>;
export type NextTier = Readonly<{ rank: number; threshold: string; cents: number; direction: 'atMost' | 'atLeast'; value: string }>;
export type KpiPart = Readonly<{
  indicator: string;
  value: number | boolean | null;
  comparedValue?: string;
  landUse?: 'grassland' | 'maize' | 'arable';
  areaHa?: number;
  weight?: string;
  direction?: 'atMost' | 'atLeast';
  tier: TierReached | null;
  next: NextTier | null;
  cents: number;
  source: Readonly<{ source: string; quality: string; submissionId: string }> | null;
}>;
export type KpiExplanation = Readonly<{
  kpiId: string;
  /** The KPI's title in the score's norm set (D76); absent for a document without titles. */
  title?: Readonly<{ nl: string; en: string }>;
  kind: 'threshold' | 'absoluteBand' | 'worstOf' | 'areaWeighted' | 'oncePerScheme';
  cents: number;
  parts: readonly KpiPart[];
  missing: readonly string[];
  highestReached: boolean;
  paidBefore?: boolean;
}>;

/** How the page names and formats things; passed in, so this stays a pure function of its input. */
export type Wording = Readonly<{
  lang: Lang;
  euros: (cents: number) => string;
  number: (value: number) => string;
  indicatorName: (key: string) => string;
  unit: (key: string) => string;
  sourceName: (source: string) => string;
  qualityName: (quality: string) => string;
}>;

/** What the page shows for one KPI: a line per part it read, then the outcome and the next tier. */
export type KpiWords = Readonly<{ parts: readonly string[]; outcome: string; next: string }>;

const LAND_USE: Record<string, Both> = { grassland: { nl: 'grasland', en: 'grassland' }, maize: { nl: 'maïs', en: 'maize' }, arable: { nl: 'bouwland', en: 'arable land' } };

const say = (w: Wording, nl: string, en: string) => (w.lang === 'nl' ? nl : en);
const num = (w: Wording, decimal: string) => w.number(Number(decimal));
const withUnit = (text: string, unit: string) => (unit ? `${text} ${unit}` : text);
const sign = (direction: 'atMost' | 'atLeast') => (direction === 'atMost' ? '≤' : '≥');

const valueText = (w: Wording, part: KpiPart): string => {
  if (part.value === null) return say(w, 'niet aangeleverd', 'not submitted');
  if (typeof part.value === 'boolean') return part.value ? say(w, 'ja', 'yes') : say(w, 'nee', 'no');
  return withUnit(w.number(part.value), w.unit(part.indicator));
};

const origin = (w: Wording, part: KpiPart) => (part.source ? ` (${w.sourceName(part.source.source)}, ${w.qualityName(part.source.quality)})` : '');

const tierText = (w: Wording, tier: TierReached | null, lowest: string | null): string =>
  tier
    ? say(w, `trede ${tier.rank} van ${tier.of}`, `tier ${tier.rank} of ${tier.of}`)
    : say(w, `geen trede gehaald${lowest ? ` (de laagste vraagt ${lowest})` : ''}`, `no tier met${lowest ? ` (the lowest needs ${lowest})` : ''}`);

/** "≤ 110 kg N/ha", or for a band "tussen −5 en 5": the recorded value that reaches the next tier. */
const nextBound = (w: Wording, kind: KpiExplanation['kind'], next: NextTier, indicator: string): string => {
  const unit = w.unit(indicator);
  if (kind === 'absoluteBand') return withUnit(say(w, `tussen −${num(w, next.value)} en ${num(w, next.value)}`, `between −${num(w, next.value)} and ${num(w, next.value)}`), unit);
  return withUnit(`${sign(next.direction)} ${num(w, next.value)}`, unit);
};

/** A single-value part: "Stikstofoverschot bedrijf: 120 kg N/ha (KringloopWijzer, berekend) → trede 2 van 3 (≤ 130) → € 200,00". */
const partLine = (w: Wording, kind: KpiExplanation['kind'], part: KpiPart): string => {
  const name = part.landUse
    ? `${LAND_USE[part.landUse]![w.lang]}${part.areaHa !== undefined ? ` (${w.number(part.areaHa)} ha${part.weight ? `, ${w.number(Number(part.weight) * 100)}%` : ''})` : ''}`
    : w.indicatorName(part.indicator);
  const compared =
    part.comparedValue !== undefined && part.value !== null
      ? kind === 'absoluteBand'
        ? say(w, `, telt als ${num(w, part.comparedValue)}`, `, counts as ${num(w, part.comparedValue)}`)
        : say(w, `, na veencorrectie ${num(w, part.comparedValue)}`, `, after the peat correction ${num(w, part.comparedValue)}`)
      : '';
  if (part.value === null) return `${name}: ${valueText(w, part)} → ${w.euros(0)}`;
  const bound = part.tier ? ` (${kind === 'absoluteBand' ? '±' : sign(part.direction ?? 'atMost')} ${num(w, part.tier.threshold)})` : '';
  return `${name}: ${valueText(w, part)}${origin(w, part)}${compared} → ${tierText(w, part.tier, null)}${bound} → ${w.euros(part.cents)}`;
};

const onceWords = (w: Wording, k: KpiExplanation): KpiWords => {
  const part = k.parts[0]!;
  const line = `${w.indicatorName(part.indicator)}: ${valueText(w, part)}${origin(w, part)}`;
  if (k.paidBefore) return { parts: [line], outcome: say(w, `Eerder al uitbetaald; wordt eenmaal per regeling betaald → ${w.euros(k.cents)}.`, `Paid before; paid once per scheme → ${w.euros(k.cents)}.`), next: say(w, 'Hoogste trede gehaald.', 'Highest tier reached.') };
  if (part.value === true) return { parts: [line], outcome: say(w, `Eenmaal per regeling → ${w.euros(k.cents)}.`, `Once per scheme → ${w.euros(k.cents)}.`), next: say(w, 'Hoogste trede gehaald.', 'Highest tier reached.') };
  return { parts: [line], outcome: `→ ${w.euros(k.cents)}.`, next: say(w, 'Volgende trede bij aanmelding ("ja").', 'Next tier when signed up ("yes").') };
};

/** The worst part decides: the next tier needs every part that falls short of it at its bound. */
const worstOfNext = (w: Wording, k: KpiExplanation): string => {
  const rankOf = (p: KpiPart) => p.tier?.rank ?? (p.tier === null ? Number.POSITIVE_INFINITY : 0);
  const worst = [...k.parts].sort((a, b) => rankOf(b) - rankOf(a))[0];
  const next = worst?.next;
  if (!next) return say(w, 'Hoogste trede gehaald.', 'Highest tier reached.');
  const short = k.parts.filter((p) => rankOf(p) > next.rank).map((p) => w.indicatorName(p.indicator));
  return say(w, `Volgende trede (${w.euros(next.cents)}) bij ${nextBound(w, k.kind, next, worst.indicator)} voor ${short.join(', ')}.`, `Next tier (${w.euros(next.cents)}) at ${nextBound(w, k.kind, next, worst.indicator)} for ${short.join(', ')}.`);
};

const nextWords = (w: Wording, k: KpiExplanation): string => {
  if (k.highestReached) return say(w, 'Hoogste trede gehaald.', 'Highest tier reached.');
  if (!k.parts.length) return say(w, 'Geen oppervlakte om te toetsen.', 'No area to test.');
  if (k.kind === 'worstOf') return worstOfNext(w, k);
  const steps = k.parts
    .filter((p) => p.next)
    .map((p) => {
      const where = k.kind === 'areaWeighted' ? `${LAND_USE[p.landUse ?? '']?.[w.lang] ?? p.indicator} ` : '';
      return `${where}${nextBound(w, k.kind, p.next!, p.indicator)} (${w.euros(p.next!.cents)}${k.kind === 'areaWeighted' ? say(w, ' voor dat deel', ' for that part') : ''})`;
    });
  if (!steps.length) return say(w, 'Lever de ontbrekende waarde aan om een trede te halen.', 'Submit the missing value to reach a tier.');
  return say(w, `Volgende trede bij ${steps.join('; ')}.`, `Next tier at ${steps.join('; ')}.`);
};

const outcomeWords = (w: Wording, k: KpiExplanation): string => {
  if (k.missing.length) return say(w, `Niet alles aangeleverd → ${w.euros(k.cents)}.`, `Not everything submitted → ${w.euros(k.cents)}.`);
  switch (k.kind) {
    case 'worstOf':
      return say(w, `Het slechtste onderdeel telt → ${w.euros(k.cents)}.`, `The worst part counts → ${w.euros(k.cents)}.`);
    case 'areaWeighted':
      return say(w, `Gewogen naar oppervlakte → ${w.euros(k.cents)}.`, `Weighted by area → ${w.euros(k.cents)}.`);
    default:
      return `→ ${w.euros(k.cents)}.`;
  }
};

/** One KPI of a score in words: value → tier → amount, and "volgende trede bij ≤ X" or "hoogste trede gehaald". */
export const kpiInWords = (k: KpiExplanation, w: Wording): KpiWords => {
  if (k.kind === 'oncePerScheme') return onceWords(w, k);
  return { parts: k.parts.map((p) => partLine(w, k.kind, p)), outcome: outcomeWords(w, k), next: nextWords(w, k) };
};
