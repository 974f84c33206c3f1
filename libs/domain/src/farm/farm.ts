import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';

export type LandUse = Readonly<{ grasslandHa: number; maizeHa: number; arableHa: number }>;

export type FarmDetails = Readonly<{
  province: string;
  landUse: LandUse;
  soilTypes: readonly string[];
  peatSharePct: number;
  livestockUnits: number;
}>;

export type FarmRegistered = DomainEvent<
  'FarmRegistered',
  FarmDetails & { farmId: string; farmerId: string; registeredAt: string }
>;
export type FarmDetailsCorrected = DomainEvent<
  'FarmDetailsCorrected',
  { farmId: string; changes: Partial<FarmDetails>; reason: string; correctedAt: string }
>;
export type FarmEvent = FarmRegistered | FarmDetailsCorrected;

export type RegisterFarm = Command<'RegisterFarm', FarmDetails & { farmId: string; farmerId: string; now: string }>;
export type CorrectFarmDetails = Command<
  'CorrectFarmDetails',
  { farmId: string; changes: Partial<FarmDetails>; reason: string; actorFarmerId?: string; now: string }
>;
export type FarmCommand = RegisterFarm | CorrectFarmDetails;

export type Farm =
  | { status: 'unregistered' }
  | ({ status: 'registered'; farmId: string; farmerId: string; registeredAt: string } & FarmDetails);

export const totalAreaHa = (landUse: LandUse): number => landUse.grasslandHa + landUse.maizeHa + landUse.arableHa;

const checkDetails = (d: Partial<FarmDetails>): void => {
  if (d.landUse) {
    for (const [key, ha] of Object.entries(d.landUse)) {
      if (!(ha >= 0)) refuse('NEGATIVE_AREA', `${key} must be zero or more hectares`, 'invalid', `landUse.${key}`);
    }
    if (totalAreaHa(d.landUse) <= 0) refuse('NO_LAND_IN_USE', 'a farm needs land in use', 'invalid', 'landUse');
  }
  if (d.peatSharePct !== undefined && !(d.peatSharePct >= 0 && d.peatSharePct <= 100)) {
    refuse('PEAT_SHARE_OUT_OF_RANGE', 'peatSharePct must be between 0 and 100', 'invalid', 'peatSharePct');
  }
  if (d.livestockUnits !== undefined && !(d.livestockUnits >= 0)) {
    refuse('NEGATIVE_LIVESTOCK', 'livestockUnits must be zero or more', 'invalid', 'livestockUnits');
  }
};

export const decideFarm = (command: FarmCommand, state: Farm): FarmEvent[] => {
  switch (command.type) {
    case 'RegisterFarm': {
      if (state.status === 'registered') return refuse('FARM_ALREADY_REGISTERED', `farm ${command.data.farmId} is already registered`);
      const { now, ...details } = command.data;
      if (!details.landUse) return refuse('NO_LAND_IN_USE', 'a farm needs land in use', 'invalid', 'landUse');
      checkDetails(details);
      return [{ type: 'FarmRegistered', data: { ...details, registeredAt: now } }];
    }
    case 'CorrectFarmDetails': {
      if (state.status !== 'registered') return refuse('FARM_NOT_FOUND', `farm ${command.data.farmId} is not registered`, 'not_found');
      if (command.data.actorFarmerId !== undefined && command.data.actorFarmerId !== state.farmerId) {
        return refuse('NOT_YOUR_FARM', 'only the farmer of this farm may correct its details', 'forbidden');
      }
      checkDetails(command.data.changes);
      if (Object.keys(command.data.changes).length === 0) return refuse('NOTHING_TO_CORRECT', 'a correction must change something', 'invalid', 'changes');
      return [
        {
          type: 'FarmDetailsCorrected',
          data: { farmId: state.farmId, changes: command.data.changes, reason: command.data.reason, correctedAt: command.data.now },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

export const evolveFarm = (state: Farm, event: FarmEvent): Farm => {
  switch (event.type) {
    case 'FarmRegistered': {
      const { farmId, farmerId, registeredAt, province, landUse, soilTypes, peatSharePct, livestockUnits } = event.data;
      return { status: 'registered', farmId, farmerId, registeredAt, province, landUse, soilTypes, peatSharePct, livestockUnits };
    }
    case 'FarmDetailsCorrected':
      return state.status === 'registered' ? { ...state, ...event.data.changes } : state;
    default:
      return assertNever(event);
  }
};

export const farmDecider: Decider<Farm, FarmCommand, FarmEvent> = {
  decide: decideFarm,
  evolve: evolveFarm,
  initialState: () => ({ status: 'unregistered' }),
};
