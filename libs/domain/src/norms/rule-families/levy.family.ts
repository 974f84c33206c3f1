import { checkLevyParameters } from '../validate-norm-set';
import { assessLevy, type LevyAssessment, type LevyInputs } from '../../levy/assess-levy';
import type { LevyAssessed } from '../../levy/levy';
import type { LevyComponent, LevyNorms } from '../../levy/levy-norms';
import { assertNever } from '../../shared/decider';
import { noWhatIfRefusal, type RuleFamily } from './rule-family';

const partsOf = (a: LevyAssessment) => Object.fromEntries(a.lines.map((l) => [l.componentId, l.amountCents]));

/** The figures a component's basis quantity is taken from (assess-levy's `basisQuantity`). */
const basisReads = (c: LevyComponent): string[] => {
  switch (c.basis) {
    case 'per-ha':
      return ['landUse'];
    case 'per-livestock-unit':
      return ['livestockUnits'];
    case 'per-kg-fpcm':
      return ['fpcmKg'];
    case 'absolute':
      return [];
    default:
      return assertNever(c.basis);
  }
};

/** Levies: one engine for every levy document; an amendment reopens the levy's open assessments. */
export const levyFamily: RuleFamily<LevyNorms, LevyInputs> = {
  kind: 'levy',
  validate: checkLevyParameters,
  recorded: {
    eventTypes: ['LevyAssessed'],
    read: (data) => {
      const d = data as LevyAssessed['data'];
      return { normSet: d.assessment.normSet, inputs: d.inputs, outcome: { totalCents: d.assessment.totalCents, parts: partsOf(d.assessment) } };
    },
  },
  recompute: (inputs, document) => {
    const r = assessLevy(inputs, document);
    return { totalCents: r.totalCents, parts: partsOf(r) };
  },
  openResults: (document) => ({ results: 'levies', levyId: document.parameters.levyId }),
  reassess: 'reassess-levy',
  whatIf: { recomputes: 'levy' },
  resultParts: (p) => ({
    frame: p.levyId,
    parts: p.components.map((c) => ({ id: c.id, rule: c, reads: [c.indicator, ...basisReads(c), ...(c.levyFreeLevelByLandUse ? ['landUse'] : [])] })),
  }),
  refuseWhatIfChange: noWhatIfRefusal,
};
