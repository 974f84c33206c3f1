import { isPlainObject, invalidField } from '../shared/guards';
import { QUALITY_CLASSES, type QualityClass } from '../submission/data-source';

/** A change of one parameter, addressed by name (`named-paths.ts`). */
export type NamedChange = Readonly<{ path: string; value: unknown }>;
/** Hypothetical changes to one published norm set, applied to the version that governs each year. */
export type ScenarioDraft = Readonly<{ normSetId: string; changes: readonly NamedChange[] }>;
/**
 * Action 12's *vereenvoudigingsoptie*: an indicator whose figure is of one of these quality classes is
 * replaced by a default value (and counts as quality `default` for the margins).
 */
export type Simplification = Readonly<{ indicator: string; qualities: readonly QualityClass[]; value: number }>;

/** A policy scenario (issue 17): drafts over any kinds, a range of years, simplifications and sampling. */
export type WhatIfScenario = Readonly<{
  name: string;
  years: Readonly<{ from: number; to: number }>;
  drafts: readonly ScenarioDraft[];
  simplifications: readonly Simplification[];
  /** Samples drawn within the margins (0: none) and the seed that makes them reproducible. */
  uncertainty: Readonly<{ samples: number; seed: number }>;
}>;

export const MAX_SCENARIO_YEARS = 20;
export const MAX_SAMPLES = 200;

/** The shape of a scenario, each refusal naming its field (the drafts are checked against the norm sets by the ledger). */
export const readScenario = (raw: unknown): WhatIfScenario => {
  if (!isPlainObject(raw)) return invalidField('INVALID_OBJECT', 'a scenario is an object', 'scenario');
  const name = raw.name;
  if (typeof name !== 'string' || name.trim().length < 3 || name.length > 200) invalidField('INVALID_STRING', 'name has 3 to 200 characters', 'name');
  const years = isPlainObject(raw.years) ? raw.years : invalidField('INVALID_OBJECT', 'years is { from, to }', 'years');
  const from = years.from;
  const to = years.to;
  if (!Number.isInteger(from) || (from as number) < 1998 || (from as number) > 2100) invalidField('INVALID_NUMBER', 'years.from is a year from 1998 to 2100', 'years.from');
  if (!Number.isInteger(to) || (to as number) < (from as number) || (to as number) - (from as number) >= MAX_SCENARIO_YEARS) invalidField('INVALID_NUMBER', `years.to is from years.from up to ${MAX_SCENARIO_YEARS} years on`, 'years.to');
  if (!Array.isArray(raw.drafts) || raw.drafts.length > 20) invalidField('INVALID_ARRAY', 'drafts is a list of at most 20 drafts', 'drafts');
  const drafts = (raw.drafts as unknown[]).map((d, i): ScenarioDraft => {
    if (!isPlainObject(d)) return invalidField('INVALID_OBJECT', 'a draft is { normSetId, changes }', `drafts[${i}]`);
    if (typeof d.normSetId !== 'string' || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(d.normSetId)) invalidField('INVALID_NORM_SET_ID', 'normSetId is lower-case letters, digits and dashes', `drafts[${i}].normSetId`);
    if (!Array.isArray(d.changes) || d.changes.length === 0 || d.changes.length > 200) invalidField('INVALID_ARRAY', 'changes is a list of 1 to 200 changes', `drafts[${i}].changes`);
    return { normSetId: d.normSetId as string, changes: (d.changes as unknown[]).map((c, j) => (isPlainObject(c) ? { path: c.path as string, value: c.value } : invalidField('INVALID_OBJECT', 'a change is { path, value }', `drafts[${i}].changes[${j}]`))) };
  });
  if (new Set(drafts.map((d) => d.normSetId)).size !== drafts.length) invalidField('DUPLICATE_VALUE', 'one draft per norm set', 'drafts');
  const rawSimplifications = raw.simplifications === undefined ? [] : raw.simplifications;
  if (!Array.isArray(rawSimplifications) || rawSimplifications.length > 50) invalidField('INVALID_ARRAY', 'simplifications is a list of at most 50', 'simplifications');
  const simplifications = (rawSimplifications as unknown[]).map((s, i): Simplification => {
    const field = `simplifications[${i}]`;
    if (!isPlainObject(s)) return invalidField('INVALID_OBJECT', 'a simplification is { indicator, qualities, value }', field);
    if (typeof s.indicator !== 'string' || !/^[A-Za-z][A-Za-z0-9.]{0,99}$/.test(s.indicator)) invalidField('INVALID_INDICATOR', 'indicator is an indicator key', `${field}.indicator`);
    if (!Array.isArray(s.qualities) || s.qualities.length === 0 || !s.qualities.every((q) => (QUALITY_CLASSES as readonly unknown[]).includes(q))) invalidField('INVALID_VALUE', `qualities lists classes of ${QUALITY_CLASSES.join(', ')}`, `${field}.qualities`);
    if (typeof s.value !== 'number' || !Number.isFinite(s.value)) invalidField('INVALID_NUMBER', 'value is a number', `${field}.value`);
    return { indicator: s.indicator as string, qualities: s.qualities as QualityClass[], value: s.value as number };
  });
  if (drafts.length === 0 && simplifications.length === 0) invalidField('NOTHING_CHANGED', 'a scenario drafts a change or a simplification', 'drafts');
  const u = raw.uncertainty === undefined ? { samples: 0, seed: 1 } : isPlainObject(raw.uncertainty) ? raw.uncertainty : invalidField('INVALID_OBJECT', 'uncertainty is { samples, seed }', 'uncertainty');
  if (!Number.isInteger(u.samples) || (u.samples as number) < 0 || (u.samples as number) > MAX_SAMPLES) invalidField('INVALID_NUMBER', `uncertainty.samples is 0 to ${MAX_SAMPLES}`, 'uncertainty.samples');
  if (!Number.isSafeInteger(u.seed)) invalidField('INVALID_NUMBER', 'uncertainty.seed is a whole number', 'uncertainty.seed');
  return { name: (name as string).trim(), years: { from: from as number, to: to as number }, drafts, simplifications, uncertainty: { samples: u.samples as number, seed: u.seed as number } };
};
