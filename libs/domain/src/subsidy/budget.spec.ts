import { budgetDecider, type AllocationCandidate, type BudgetEvent } from './budget';
import { computeSettlement } from './settlement';

const candidate = (i: number, minute: string, room = 5_000_000): AllocationCandidate => ({
  applicationId: `app-${i}`, farmId: `farm-${i}`, completedMinute: minute, completedPosition: i, deMinimisRoomCents: room,
});
const allocate = (candidates: AllocationCandidate[], events: BudgetEvent[] = [], partial: 'grant-remainder' | 'refuse' = 'grant-remainder') =>
  budgetDecider.decide(
    { type: 'AllocateBudget', data: { scheme: 'drenthe-2025', candidates, ceilingCents: 780_000_000, reservationCents: 1_300_000, partialLastGrant: partial, now: 't' } },
    events.reduce(budgetDecider.evolve, budgetDecider.initialState()),
  );

describe('budget allocation (first come, first served by completion minute)', () => {
  it('fits exactly 600 whole reservations under EUR 7.8 million', () => {
    const events = allocate(Array.from({ length: 602 }, (_, i) => candidate(i, `2025-08-12T09:${String(i % 60).padStart(2, '0')}`)));
    expect(events.filter((e) => e.type === 'SubsidyGranted')).toHaveLength(600);
    expect(events.filter((e) => e.type === 'SubsidyRefused').map((e) => e.data.rank)).toEqual([601, 602]);
  });

  it('ranks by minute then arrival, grants the remainder to the first that does not fit whole, refuses the rest', () => {
    // One farm's de-minimis room leaves EUR 8,000 of the ceiling over at the end.
    const many = Array.from({ length: 603 }, (_, i) => candidate(i, `2025-09-${String(1 + Math.floor(i / 100)).padStart(2, '0')}T10:00`, i === 3 ? 500_000 : 5_000_000));
    const events = allocate([...many].reverse());
    const granted = events.filter((e) => e.type === 'SubsidyGranted');
    expect(granted[0].data).toMatchObject({ applicationId: 'app-0', rank: 1 });
    expect(granted.find((e) => e.data.applicationId === 'app-3')?.data).toMatchObject({ reservedCents: 500_000, limitedBy: 'de-minimis' });
    const last = granted.at(-1)!;
    expect(last.data).toMatchObject({ applicationId: 'app-600', rank: 601, reservedCents: 800_000, partial: true, limitedBy: 'budget-remainder' });
    expect(events.filter((e) => e.type === 'SubsidyRefused').map((e) => [e.data.applicationId, e.data.rank])).toEqual([['app-601', 602], ['app-602', 603]]);
    const refuseInstead = allocate([...many], [], 'refuse');
    expect(refuseInstead.find((e) => e.data.applicationId === 'app-600')?.type).toBe('SubsidyRefused');
  });

  it('allocates later completions after earlier ones, never twice', () => {
    const first = allocate([candidate(1, '2025-08-12T09:00')]);
    const second = allocate([candidate(1, '2025-08-12T09:00'), candidate(2, '2025-08-12T09:05')], first);
    expect(second).toHaveLength(1);
    expect(second[0].data).toMatchObject({ applicationId: 'app-2', rank: 2 });
  });

  it('refuses an application whose de-minimis room is used up', () => {
    expect(allocate([candidate(1, '2025-08-12T09:00', 0)])[0]).toMatchObject({ type: 'SubsidyRefused', data: { reason: 'DE_MINIMIS_CEILING' } });
  });
});

describe('settlement', () => {
  const years = [
    { year: 2025, scoreVersion: 1, totalCents: 500_000, biodiversityCents: 25_000 },
    { year: 2026, scoreVersion: 2, totalCents: 650_000, biodiversityCents: 25_000 },
  ];
  it('pays both years net of the advance, biodiversity once, and releases the unearned reservation', () => {
    const s = computeSettlement({ grantedCents: 1_300_000, years, schemeCapCents: 1_300_000, deMinimisRoomCents: 5_000_000, advanceCents: 500_000, previouslySettledCents: 0 });
    expect(s).toMatchObject({ biodiversityDeductedCents: 25_000, earnedCents: 1_125_000, netPaymentCents: 625_000, releasedCents: 175_000 });
  });
  it('can be negative: the farm repays part of the advance', () => {
    const s = computeSettlement({ grantedCents: 1_300_000, years: [{ ...years[0], totalCents: 200_000 }, { ...years[1], totalCents: 100_000, biodiversityCents: 0 }], schemeCapCents: 1_300_000, deMinimisRoomCents: 5_000_000, advanceCents: 500_000, previouslySettledCents: 0 });
    expect(s.netPaymentCents).toBe(-200_000);
  });
  it('never pays more than the grant (a partial last grant)', () => {
    expect(computeSettlement({ grantedCents: 800_000, years, schemeCapCents: 1_300_000, deMinimisRoomCents: 5_000_000, advanceCents: 0, previouslySettledCents: 0 }).earnedCents).toBe(800_000);
  });
});
