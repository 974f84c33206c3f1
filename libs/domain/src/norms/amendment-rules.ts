import Decimal from 'decimal.js';
import { refuse } from '../shared/domain-error';
import { invalidField, isDecimalString, isPlainObject } from '../shared/guards';
import type { AmendmentGrounds, AmendmentRules, ChangeDirection, NormSetChange, NormSetDocument } from './norm-set';
import { parseParameterPath } from './parameter-paths';
import { nameOfPath } from './named-paths';

/**
 * Grounds an amendment may declare. `extreme-weather`: the scheme lets the authority lower targets
 * "op één moment per jaar" because of extreme weather (drenthe-2025.md, toelichting art. 7). An
 * amendment that declares grounds is held to the rule its norm set states for them (D43); one that
 * declares none (a change of law or of KLW parameters) is not.
 */
export const AMENDMENT_GROUNDS: readonly AmendmentGrounds[] = ['extreme-weather'];

/**
 * What a norm set allows an amendment on given grounds, stated in the document (beside its
 * parameters, so no amendment can change the rule that governs it):
 *   - `mayChange`: the parameters such an amendment may change (`*` stands for one segment:
 *     `kpis.0.tiers.*.threshold`), each in one direction only. Lowering a target ("de streefwaarden
 *     naar beneden aan te passen") eases it: for an at-most KPI (a surplus) the threshold number
 *     rises, for an at-least KPI it falls — so the rule names the direction of the number (D43);
 *   - `timesPerYear`: how many such amendments a year may have (the year of their effectiveFrom).
 */
export const CHANGE_DIRECTIONS: readonly ChangeDirection[] = ['lower', 'raise'];

/** Refuses malformed amendment rules with the path of the field; absent rules are fine. */
export const validateAmendmentRules = (rules: unknown): void => {
  if (rules === undefined) return;
  if (!isPlainObject(rules)) return invalidField('INVALID_OBJECT', 'amendmentRules must be an object', 'amendmentRules');
  for (const [grounds, raw] of Object.entries(rules)) {
    const field = `amendmentRules.${grounds}`;
    if (!(AMENDMENT_GROUNDS as readonly string[]).includes(grounds)) invalidField('INVALID_VALUE', `${grounds} is not one of ${AMENDMENT_GROUNDS.join(', ')}`, field);
    if (!isPlainObject(raw)) return invalidField('INVALID_OBJECT', `${field} must be an object`, field);
    if (!Array.isArray(raw.mayChange) || raw.mayChange.length === 0 || raw.mayChange.length > 200) invalidField('INVALID_ARRAY', `${field}.mayChange must be a list of 1 to 200 { path, direction }`, `${field}.mayChange`);
    (raw.mayChange as unknown[]).forEach((c, i) => {
      if (!isPlainObject(c)) return invalidField('INVALID_OBJECT', 'a permitted change is { path, direction }', `${field}.mayChange.${i}`);
      parseParameterPath(c.path, `${field}.mayChange.${i}.path`);
      if (!(CHANGE_DIRECTIONS as readonly unknown[]).includes(c.direction)) invalidField('INVALID_DIRECTION', `direction is one of ${CHANGE_DIRECTIONS.join(', ')}`, `${field}.mayChange.${i}.direction`);
    });
    if (typeof raw.timesPerYear !== 'number' || !Number.isInteger(raw.timesPerYear) || raw.timesPerYear < 1 || raw.timesPerYear > 366) {
      invalidField('INVALID_NUMBER', `${field}.timesPerYear must be a whole number from 1 to 366`, `${field}.timesPerYear`);
    }
  }
};

const matches = (pattern: string, path: string) => {
  const p = pattern.split('.');
  const s = path.split('.');
  return p.length === s.length && p.every((seg, i) => seg === '*' || seg === s[i]);
};

const asDecimal = (v: unknown): Decimal | null => (isDecimalString(v) ? new Decimal(v) : typeof v === 'number' && Number.isFinite(v) ? new Decimal(v) : null);

/** An earlier amendment, as the aggregate keeps it. */
export type PastAmendment = Readonly<{ grounds?: string; effectiveFrom: string }>;

/**
 * Holds an amendment that declares grounds to its norm set's rule (D43): the rule must exist, every
 * change must address a parameter the rule lists and move its number in the listed direction, and
 * the year of its effectiveFrom must not have had `timesPerYear` amendments on these grounds already.
 */
export const checkAmendmentGrounds = (grounds: unknown, latest: NormSetDocument, changes: readonly NormSetChange[], effectiveFrom: string, past: readonly PastAmendment[]): AmendmentGrounds | undefined => {
  if (grounds === undefined) return undefined;
  if (typeof grounds !== 'string' || !(AMENDMENT_GROUNDS as readonly string[]).includes(grounds)) {
    return invalidField('INVALID_VALUE', `grounds must be one of ${AMENDMENT_GROUNDS.join(', ')}`, 'grounds');
  }
  const rules = (latest as { amendmentRules?: AmendmentRules }).amendmentRules;
  const rule = isPlainObject(rules) && Object.hasOwn(rules, grounds) ? rules[grounds as AmendmentGrounds] : undefined;
  if (!rule) return refuse('GROUNDS_NOT_PROVIDED_FOR', `norm set ${latest.normSetId} states no rule for amendments on grounds of ${grounds}`, 'conflict', 'grounds');
  changes.forEach((c, i) => {
    const permitted = rule.mayChange.find((m) => matches(m.path, c.path));
    if (!permitted) {
      return invalidField('PARAMETER_NOT_CHANGEABLE', `${c.name ?? nameOfPath(latest.parameters, c.path)} may not be changed on grounds of ${grounds} (only ${rule.mayChange.map((m) => nameOfPath(latest.parameters, m.path)).join(', ')})`, `changes[${i}].path`);
    }
    const from = asDecimal(c.from);
    const to = asDecimal(c.to);
    const ok = from !== null && to !== null && (permitted.direction === 'lower' ? to.lt(from) : to.gt(from));
    if (!ok) invalidField('WRONG_DIRECTION', `on grounds of ${grounds} ${c.name ?? c.path} may only be ${permitted.direction === 'lower' ? 'lowered' : 'raised'} (from ${JSON.stringify(c.from)} to ${JSON.stringify(c.to)})`, `changes[${i}].value`);
  });
  const year = effectiveFrom.slice(0, 4);
  const earlier = past.filter((a) => a.grounds === grounds && a.effectiveFrom.slice(0, 4) === year).length;
  if (earlier >= rule.timesPerYear) {
    refuse('AMENDMENT_LIMIT_REACHED', `${year} has had ${earlier} amendment(s) on grounds of ${grounds}; the norm set allows ${rule.timesPerYear} a year`, 'conflict', 'grounds');
  }
  return grounds as AmendmentGrounds;
};
