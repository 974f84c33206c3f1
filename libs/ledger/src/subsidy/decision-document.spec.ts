import type { StoredEvent } from '@asb/event-store';
import { euros, renderDecisionDocument } from './decision-document';

const event = (type: string, data: object, position: number, streamId = 'application-drenthe-2025-farm-a'): StoredEvent =>
  ({ id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`, streamId, revision: position - 1, position, type, schemaVersion: 1, data, metadata: { recordedAt: `2025-09-0${position}T10:00:00.000Z` } }) as unknown as StoredEvent;

describe('decision documents (D38)', () => {
  it('writes money in Dutch notation from integer cents', () => {
    expect(euros(1_300_000)).toBe('€ 13.000,00');
    expect(euros(5)).toBe('€ 0,05');
    expect(euros(-123_456_789)).toBe('−€ 1.234.567,89');
  });

  it('a refusal names the article and lists the events it rests on by id, stream, revision and position', () => {
    const completed = event('SubsidyApplicationCompleted', { applicationId: 'app-1' }, 1);
    const refused = event('SubsidyRefused', { applicationId: 'app-1', rank: 601, reason: 'BUDGET_EXHAUSTED', refusedAt: '2025-11-03T09:00:00.000Z' }, 2, 'budget-drenthe-2025');
    const html = renderDecisionDocument({ scheme: 'drenthe-2025', farmId: 'farm-a', decision: refused, basis: [completed] });
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Beschikking weigering subsidie');
    expect(html).toContain('subsidieplafond');
    expect(html).toContain('artikel 8 en 11');
    for (const e of [completed, refused]) expect(html).toContain(`<td><code>${e.id}</code></td><td>${e.streamId}</td><td>${e.revision}</td><td>${e.position}</td>`);
    // Same events, same bytes.
    expect(renderDecisionDocument({ scheme: 'drenthe-2025', farmId: 'farm-a', decision: refused, basis: [completed] })).toBe(html);
  });

  it('a settlement states what is paid or repaid; a farmer\'s own words are escaped, never markup', () => {
    const settled = event('SubsidySettled', {
      applicationId: 'app-1', grantedCents: 1_300_000, yearAmounts: [{ year: 2025, scoreVersion: 1, totalCents: 200_000 }, { year: 2026, scoreVersion: 1, totalCents: 100_000 }],
      biodiversityDeductedCents: 0, schemeCapCents: 1_300_000, deMinimisRoomCents: 5_000_000, earnedCents: 300_000, advanceCents: 500_000, previouslySettledCents: 0,
      netPaymentCents: -200_000, releasedCents: 1_000_000, settlementNo: 1, settledAt: '2027-02-01T09:00:00.000Z',
    }, 3);
    const html = renderDecisionDocument({ scheme: 'drenthe-2025', farmId: 'farm-a', decision: settled, basis: [] });
    expect(html).toContain('Beschikking subsidievaststelling');
    expect(html).toContain('U betaalt € 2.000,00 terug.');
    const withdrawn = event('SubsidyApplicationWithdrawn', { applicationId: 'app-1', reason: '<script>alert(1)</script>', withdrawnAt: 't' }, 4);
    const page = renderDecisionDocument({ scheme: 'drenthe-2025', farmId: 'farm-a', decision: withdrawn, basis: [] });
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
