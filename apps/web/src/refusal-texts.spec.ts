import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fieldInWords, isRefusedField } from './refusal-field';
import { REFUSAL_LABELS, REFUSAL_TEXTS, refusalText } from './refusal-texts';

const ROOT = join(__dirname, '..', '..', '..');
const CODE = String.raw`'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'`;

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourcesUnder(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });

/** The text of a call's parentheses, from just after `(` to its matching `)`. */
const argumentsFrom = (source: string, open: number): string => {
  let depth = 1;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth === 0) return source.slice(open, i);
  }
  return source.slice(open);
};

/**
 * Every code the API can answer, read from the sources rather than listed by hand: the first upper-case
 * literal passed to a refusing function — refuse, invalidField, errorBody, their import aliases (`invalidField
 * as invalid`), and any local function taking a `code` parameter (oneOf, found, refuseField, …) — and every
 * `code: 'X'`, `code = 'X'` (error classes, default parameters), status-to-code table row and `?? 'X'` fallback.
 */
const codesTheApiCanAnswer = (): Map<string, string> => {
  const found = new Map<string, string>();
  const add = (code: string, file: string) => found.has(code) || found.set(code, relative(ROOT, file));
  for (const file of [...sourcesUnder(join(ROOT, 'libs')), ...sourcesUnder(join(ROOT, 'apps', 'api', 'src'))]) {
    // An equivalent measure's refusal reasons are part of a recorded decision, not an answer of the API.
    const source = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !line.includes('reasons.push('))
      .join('\n');
    const refusers = new Set(['refuse', 'invalidField', 'errorBody']);
    for (const m of source.matchAll(/\b(?:refuse|invalidField)\s+as\s+(\w+)/g)) refusers.add(m[1]!);
    for (const m of source.matchAll(/\b(?:const|function)\s+(\w+)\s*=?\s*(?:async\s*)?(?:<[^>]*>)?\(([^)]*)\)/g)) if (/\bcode\b/.test(m[2]!)) refusers.add(m[1]!);
    for (const name of refusers) {
      for (const m of source.matchAll(new RegExp(String.raw`\b${name}\(`, 'g'))) {
        const first = new RegExp(CODE).exec(argumentsFrom(source, m.index! + m[0].length));
        if (first) add(first[1]!, file);
      }
    }
    for (const pattern of [String.raw`\bcode:\s*${CODE}`, String.raw`\bcode\s*=\s*${CODE}`, String.raw`^\s*\d{3}:\s*${CODE}`, String.raw`\?\?\s*${CODE}`]) {
      for (const m of source.matchAll(new RegExp(pattern, 'gm'))) add(m[1]!, file);
    }
  }
  return found;
};

describe('refusals in the person\'s language (issue 16)', () => {
  const codes = codesTheApiCanAnswer();

  it('finds the codes of every kind of source: the decider, the HTTP layer, error classes, local helpers', () => {
    // If the reading of the sources broke, the next test would pass on nothing; these prove it reads each way.
    for (const code of ['SETTLEMENT_NOT_DUE', 'DISPUTE_WITHOUT_REASON', 'UNAUTHENTICATED', 'NOT_FOUND', 'ROLE_NOT_ALLOWED', 'NOT_YOUR_FARM', 'IDEMPOTENCY_KEY_REUSED', 'NULL_NOT_ALLOWED', 'INVALID_INPUT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'AMENDMENT_WITHOUT_REASON', 'INVALID_DIRECTION', 'NO_CHECKPOINT', 'UNKNOWN_INDICATOR', 'WRONG_EXPECTED_REVISION', 'MISSING_LEGAL_BASIS', 'INVALID_THRESHOLD', 'INTERNAL_ERROR']) {
      expect([code, codes.has(code)]).toEqual([code, true]);
    }
    expect(codes.size).toBeGreaterThan(150);
  });

  it('has a Dutch and an English text for every code the API can answer', () => {
    // Codes made at run time cannot be read from the sources: `HTTP_${status}` is the filter's fallback for a
    // status it has no code for, which the app shows as the English message (an unknown code), so none here.
    const missing = [...codes].filter(([code]) => !refusalText(code, 'nl') || !refusalText(code, 'en')).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('writes for people: no codes, no field paths, and the Dutch differs from the English', () => {
    for (const [code, text] of Object.entries(REFUSAL_TEXTS)) {
      for (const words of [text.nl, text.en]) {
        expect([code, /\b[A-Z]{2,}_[A-Z_]+\b|\b[a-z]+[A-Z]\w*\b|[{}<>]/.test(words)]).toEqual([code, false]);
        expect([code, /[.!?]$/.test(words)]).toEqual([code, true]);
      }
      expect([code, text.nl === text.en]).toEqual([code, false]);
    }
    for (const label of Object.values(REFUSAL_LABELS)) expect(label.nl && label.en).toBeTruthy();
  });

  it('knows no code the app would never be sent, so the table does not rot', () => {
    const stale = Object.keys(REFUSAL_TEXTS).filter((code) => !codes.has(code));
    expect(stale).toEqual([]);
  });

  it('gives no text for a code it does not know (an older or newer API), so the English message is shown', () => {
    expect(refusalText('SOMETHING_NEW', 'nl')).toBeUndefined();
    expect(refusalText('toString', 'nl')).toBeUndefined();
  });

  it('names a refused field in words, counting list positions from 1', () => {
    expect(fieldInWords('changes[0].value', 'nl')).toBe('wijziging 1, nieuwe waarde');
    expect(fieldInWords('changes.2.path', 'en')).toBe('change 3, parameter');
    expect(fieldInWords('landUse', 'nl')).toBe('grondgebruik');
    expect(fieldInWords('idempotency-key', 'nl')).toBe('sleutel van het verzoek');
    expect(fieldInWords('grantee.id', 'en')).toBe('authorised party, number');
    expect(fieldInWords('parameters.peatSharePct', 'en')).toBe('parameter, peat share pct');
    // A norm-set parameter by name (D61): the id and the tier number as named, not an index plus one.
    expect(fieldInWords('parameters.kpis[nFarmSurplus].tiers[2].threshold', 'nl')).toBe('parameter, KPI nFarmSurplus, trede 2, drempel');
    expect(fieldInWords('parameters.kpis.0.tiers.1.threshold', 'en')).toBe('parameter, KPI 1, tier 2, threshold');
  });

  it('marks the input a refusal names, and the inputs it lies within, but not a neighbour', () => {
    expect(isRefusedField('changes[0].value', 'changes')).toBe(true);
    expect(isRefusedField('changes.0.value', 'changes[0]')).toBe(true);
    expect(isRefusedField('reason', 'reason')).toBe(true);
    expect(isRefusedField('reasonCode', 'reason')).toBe(false);
    expect(isRefusedField('grantee.id', 'grantee.role')).toBe(false);
    expect(isRefusedField(undefined, 'reason')).toBe(false);
    expect(isRefusedField('reason', '')).toBe(false);
  });
});
