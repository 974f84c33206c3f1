import fc from 'fast-check';
import type { ActiveSubmission } from '@asb/domain';
import { counterpartsIn } from '@asb/projections';
import { counterpartsOf } from './check-runner';

describe('the farms a farm-year names (D85)', () => {
  it('are those of new Set([...links, ...submissions.flatMap(counterpartsIn)]), in the same order', () => {
    const farm = fc.constantFrom('nl-1', 'nl-2', 'nl-3', 'nl-4', '');
    const flow = fc.record({ kind: fc.constantFrom('manure-delivered', 'organic-manure-received', 'milk'), counterpartyFarmId: fc.option(farm, { nil: undefined }) });
    const submission = fc.record({ flows: fc.option(fc.array(flow, { maxLength: 4 }), { nil: undefined }) }).map((data) => ({ submissionId: 's', eventId: 'e', recordedAt: 't', data }) as unknown as ActiveSubmission);
    fc.assert(
      fc.property(fc.array(farm, { maxLength: 3 }), fc.array(submission, { maxLength: 6 }), (links, submissions) => {
        expect([...counterpartsOf(links, submissions)]).toEqual([...new Set([...links, ...submissions.flatMap((s) => counterpartsIn(s.data))])]);
      }),
      { numRuns: 500 },
    );
  });
});
