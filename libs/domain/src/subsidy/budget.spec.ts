import { DeciderSpecification } from '../testing/decider-specification';
import { deMinimisRoomCents } from './application';
import { allocationOf, budgetDecider, type AllocationCandidate, type BudgetEvent, type ReleaseReservation } from './budget';
import { computeAdvance, computeSettlement, forwardedYearOf } from './settlement';
import { drenthe2025NormSet } from '../score/drenthe-2025.norm-set';

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

describe('the budget releases a reservation (art. 11: the ceiling; D39)', () => {
  const given = DeciderSpecification.for(budgetDecider);
  const grant: BudgetEvent = { type: 'SubsidyGranted', data: { scheme: 'drenthe-2025', farmId: 'farm-1', applicationId: 'app-1', rank: 1, reservedCents: 1_300_000, partial: false, limitedBy: 'none', grantedAt: '2025-11-03T09:00:00.000Z' } };
  const refusal: BudgetEvent = { type: 'SubsidyRefused', data: { scheme: 'drenthe-2025', farmId: 'farm-2', applicationId: 'app-2', rank: 601, reason: 'BUDGET_EXHAUSTED', refusedAt: '2025-11-03T09:00:00.000Z' } };
  const release = (over: Partial<ReleaseReservation['data']>): ReleaseReservation => ({ type: 'ReleaseReservation', data: { scheme: 'drenthe-2025', farmId: 'farm-1', applicationId: 'app-1', releasedCents: 175_000, now: '2027-02-01T09:00:00.000Z', ...over } });
  const rule = { normSet: { id: 'drenthe-2025', version: 1 }, parameter: 'closure.deadline', value: '2027-09-30T22:00:00.000Z' };

  it('at settlement, what was not earned (art. 9)', () =>
    given([grant]).when(release({ settlementNo: 1, cause: 'settlement' })).then([{ type: 'BudgetReservationReleased', data: { scheme: 'drenthe-2025', farmId: 'farm-1', applicationId: 'app-1', releasedCents: 175_000, settlementNo: 1, cause: 'settlement', releasedAt: '2027-02-01T09:00:00.000Z' } }]));
  it('at a withdrawal, all of it', () =>
    given([grant]).when(release({ releasedCents: 1_300_000, cause: 'withdrawal' })).then([{ type: 'BudgetReservationReleased', data: { scheme: 'drenthe-2025', farmId: 'farm-1', applicationId: 'app-1', releasedCents: 1_300_000, cause: 'withdrawal', releasedAt: '2027-02-01T09:00:00.000Z' } }]));
  it('at a closure, all of it, naming the rule', () =>
    given([grant]).when(release({ releasedCents: 1_300_000, cause: 'closure', rule })).then([{ type: 'BudgetReservationReleased', data: { scheme: 'drenthe-2025', farmId: 'farm-1', applicationId: 'app-1', releasedCents: 1_300_000, cause: 'closure', rule, releasedAt: '2027-02-01T09:00:00.000Z' } }]));
  it('never more than was reserved', () => given([grant]).when(release({ releasedCents: 1_300_001 })).thenRefusedWith('RELEASE_ABOVE_RESERVATION', 'releasedCents'));
  it('nothing for a refused or unknown application, nor the same total twice', () => {
    given([refusal]).when(release({ applicationId: 'app-2' })).then([]);
    given([grant]).when(release({ applicationId: 'constructor' })).then([]);
    given([grant, { type: 'BudgetReservationReleased', data: { scheme: 'drenthe-2025', farmId: 'farm-1', applicationId: 'app-1', releasedCents: 175_000, settlementNo: 1, releasedAt: 't' } }]).when(release({})).then([]);
  });
  it('tells the application decider where it stands', () => {
    const state = [grant, refusal].reduce(budgetDecider.evolve, budgetDecider.initialState());
    expect(allocationOf(state, 'app-1')).toEqual({ status: 'granted', reservedCents: 1_300_000, grantedAt: '2025-11-03T09:00:00.000Z' });
    expect(allocationOf(state, 'app-2')).toEqual({ status: 'refused', reservedCents: 0 });
    expect(allocationOf(state, 'app-3')).toEqual({ status: 'none', reservedCents: 0 });
    expect(allocationOf(state, '__proto__')).toEqual({ status: 'none', reservedCents: 0 });
  });
});

describe('the arithmetic', () => {
  it('the advance (art. 9(1)): the forwarded 2025 score, at most the reservation and the de-minimis room, never negative', () => {
    expect(computeAdvance({ forwardedTotalCents: 435_000, reservedCents: 1_300_000, deMinimisRoomCents: 5_000_000 })).toBe(435_000);
    expect(computeAdvance({ forwardedTotalCents: 435_000, reservedCents: 300_000, deMinimisRoomCents: 5_000_000 })).toBe(300_000);
    expect(computeAdvance({ forwardedTotalCents: 435_000, reservedCents: 1_300_000, deMinimisRoomCents: 0 })).toBe(0);
    expect(() => computeAdvance({ forwardedTotalCents: 1.5, reservedCents: 0, deMinimisRoomCents: 0 })).toThrow('forwardedTotalCents');
  });
  it('the settlement net of the advance releases exactly the unearned reservation (art. 7, 9, 11)', () => {
    const s = computeSettlement({ grantedCents: 1_300_000, years: [{ year: 2025, scoreVersion: 1, totalCents: 650_000, biodiversityCents: 0 }, { year: 2026, scoreVersion: 1, totalCents: 650_000, biodiversityCents: 0 }], schemeCapCents: 1_300_000, deMinimisRoomCents: 900_000, advanceCents: 650_000, previouslySettledCents: 0 });
    // The de-minimis room binds: EUR 9,000 earned, EUR 2,500 still to pay, EUR 4,000 released.
    expect(s).toMatchObject({ earnedCents: 900_000, netPaymentCents: 250_000, releasedCents: 400_000 });
    expect(s.earnedCents + s.releasedCents).toBe(s.grantedCents);
  });

  it('a forwarded year counts its once-per-scheme KPIs (biodiversity, Bijlage I: eenmalige vergoeding) as the norm set names them', () => {
    const result = { totalCents: 650_000, kpis: { biodiversity: 25_000, grazing: 100_000, constructor: 7 }, normSet: { id: 'drenthe-2025', version: 1 } };
    expect(forwardedYearOf(2025, 3, result, drenthe2025NormSet.parameters.kpis)).toEqual({ year: 2025, scoreVersion: 3, totalCents: 650_000, biodiversityCents: 25_000, normSet: { id: 'drenthe-2025', version: 1 } });
    expect(forwardedYearOf(2026, 1, { totalCents: 1, kpis: {} }, drenthe2025NormSet.parameters.kpis)).toEqual({ year: 2026, scoreVersion: 1, totalCents: 1, biodiversityCents: 0 });
  });

  describe('de-minimis room (art. 10; Regulation 1408/2013 as amended by 2024/3118; D39)', () => {
    const declaration = { fiscalYears: [
      { fiscalYear: 2021, aidCents: 1_000_000 },
      { fiscalYear: 2022, aidCents: 1_000_000, grantedOn: '2022-10-15' },
      { fiscalYear: 2022, aidCents: 500_000, grantedOn: '2022-12-01' },
      { fiscalYear: 2024, aidCents: 2_000_000 },
    ] };
    const grantedAt = '2025-11-03T09:00:00.000Z';
    it('rolling: any period of three years up to the grant — dated aid from 3 November 2022 counts, 15 October 2022 does not; an undated fiscal year counts when it overlaps', () =>
      // 2022-12-01 (5,000) + 2024 (20,000) counted; 2021 and 2022-10-15 fall before 2022-11-03.
      expect(deMinimisRoomCents(declaration, 5_000_000, { kind: 'rolling', years: 3, grantedAt })).toBe(2_500_000));
    it('fiscal: the fiscal year of the grant and the two before it', () =>
      expect(deMinimisRoomCents(declaration, 5_000_000, { kind: 'fiscal', years: 3, grantedAt })).toBe(3_000_000));
    it('without a period (before D39) every declared entry counts; the room is never negative', () => {
      expect(deMinimisRoomCents(declaration, 5_000_000)).toBe(500_000);
      expect(deMinimisRoomCents(declaration, 1_000_000)).toBe(0);
    });
    it('an undated fiscal year that overlaps the rolling period counts whole (it may have been granted on any of its days)', () =>
      expect(deMinimisRoomCents({ fiscalYears: [{ fiscalYear: 2022, aidCents: 1_000_000 }] }, 5_000_000, { kind: 'rolling', years: 3, grantedAt })).toBe(4_000_000));
  });
});
