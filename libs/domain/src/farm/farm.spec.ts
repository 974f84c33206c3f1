import { DeciderSpecification } from '../testing/decider-specification';
import { farmDecider, type FarmRegistered, type RegisterFarm } from './farm';

const given = DeciderSpecification.for(farmDecider);
const details = {
  province: 'Drenthe',
  landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 },
  soilTypes: ['sand'],
  peatSharePct: 0,
  livestockUnits: 120,
};
const register: RegisterFarm = { type: 'RegisterFarm', data: { farmId: 'farm-a', farmerId: 'boer-a', now: '2025-08-12T09:00:00.000Z', ...details } };
const registered: FarmRegistered = {
  type: 'FarmRegistered',
  data: { farmId: 'farm-a', farmerId: 'boer-a', registeredAt: '2025-08-12T09:00:00.000Z', ...details },
};

describe('farm', () => {
  it('registers a farm', () => given([]).when(register).then([registered]));
  it('refuses to register a farm twice', () => given([registered]).when(register).thenRefusedWith('FARM_ALREADY_REGISTERED'));
  it('refuses negative hectares', () =>
    given([]).when({ ...register, data: { ...register.data, landUse: { grasslandHa: -1, maizeHa: 0, arableHa: 0 } } }).thenRefusedWith('NEGATIVE_AREA'));
  it('refuses a peat share over 100 %', () =>
    given([]).when({ ...register, data: { ...register.data, peatSharePct: 101 } }).thenRefusedWith('PEAT_SHARE_OUT_OF_RANGE'));
  it('corrects details with a reason', () =>
    given([registered])
      .when({ type: 'CorrectFarmDetails', data: { farmId: 'farm-a', changes: { livestockUnits: 118 }, reason: 'census', now: '2025-09-01T00:00:00.000Z' } })
      .then([{ type: 'FarmDetailsCorrected', data: { farmId: 'farm-a', changes: { livestockUnits: 118 }, reason: 'census', correctedAt: '2025-09-01T00:00:00.000Z' } }]));
  it('refuses a correction to the details the farm already has, and records one that changes at least one', () => {
    const correct = (changes: object) => ({ type: 'CorrectFarmDetails' as const, data: { farmId: 'farm-a', changes: changes as never, reason: 'census', now: 't' } });
    given([registered]).when(correct({ livestockUnits: 120 })).thenRefusedWith('NOTHING_TO_CORRECT', 'changes');
    given([registered]).when(correct({ landUse: { arableHa: 0, grasslandHa: 40, maizeHa: 10 }, soilTypes: ['sand'] })).thenRefusedWith('NOTHING_TO_CORRECT', 'changes');
    given([registered]).when(correct({ livestockUnits: 120, peatSharePct: 5 })).then([{ type: 'FarmDetailsCorrected', data: { farmId: 'farm-a', changes: { livestockUnits: 120, peatSharePct: 5 }, reason: 'census', correctedAt: 't' } }]);
  });
  it('refuses a correction of an unknown farm', () =>
    given([]).when({ type: 'CorrectFarmDetails', data: { farmId: 'x', changes: { livestockUnits: 1 }, reason: 'r', now: 'n' } }).thenRefusedWith('FARM_NOT_FOUND'));
  it('refuses a correction by another farmer', () =>
    given([registered])
      .when({ type: 'CorrectFarmDetails', data: { farmId: 'farm-a', changes: { livestockUnits: 1 }, reason: 'r', actorFarmerId: 'boer-b', now: 'n' } })
      .thenRefusedWith('NOT_YOUR_FARM'));

  it('refuses null for a detail, naming the field; a correction changes only what it names (D31)', () => {
    const correct = (changes: object) => ({ type: 'CorrectFarmDetails' as const, data: { farmId: 'farm-a', changes: changes as never, reason: 'r', now: 't' } });
    given([registered]).when(correct({ landUse: null })).thenRefusedWith('INVALID_OBJECT', 'landUse');
    given([registered]).when(correct({ livestockUnits: null })).thenRefusedWith('INVALID_NUMBER', 'livestockUnits');
    given([registered]).when(correct({ landUse: { grasslandHa: 40, maizeHa: null, arableHa: 0 } })).thenRefusedWith('INVALID_NUMBER', 'landUse.maizeHa');
    given([registered]).when(correct({ colour: 'red' })).thenRefusedWith('UNKNOWN_FIELD', 'colour');
    given([]).when({ ...register, data: { ...register.data, livestockUnits: Number.POSITIVE_INFINITY } }).thenRefusedWith('INVALID_NUMBER', 'livestockUnits');
  });
  it('reads a recorded null (an event written before D31) as no change, so the farm keeps its land use', () => {
    const old = { type: 'FarmDetailsCorrected' as const, data: { farmId: 'farm-a', changes: { landUse: null, livestockUnits: null, peatSharePct: 12 } as never, reason: 'r', correctedAt: 't' } };
    const state = [registered, old].reduce(farmDecider.evolve, farmDecider.initialState());
    expect(state).toMatchObject({ landUse: details.landUse, livestockUnits: 120, peatSharePct: 12 });
  });
});
