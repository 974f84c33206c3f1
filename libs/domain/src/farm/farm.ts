import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { refuse } from '../shared/domain-error';
import { invalidField, isPlainObject, requireNumber, requireObject, requireString } from '../shared/guards';
import { sameValue } from '../shared/same-value';

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

const DETAIL_KEYS = ['province', 'landUse', 'soilTypes', 'peatSharePct', 'livestockUnits'] as const;

/**
 * Farm details in a command (D31): a missing field is absent (a correction changes only what it
 * names); null, an unknown field or a value outside its type is refused naming the field.
 */
const checkDetails = (d: Partial<FarmDetails>, objectField: string): void => {
  requireObject(d, objectField);
  const at = (f: string) => f;
  if (d.province !== undefined) requireString(d.province, at('province'), 100);
  if (d.soilTypes !== undefined) {
    if (!Array.isArray(d.soilTypes)) invalidField('INVALID_ARRAY', 'soilTypes is a list', at('soilTypes'));
    d.soilTypes.forEach((t, i) => requireString(t, at(`soilTypes.${i}`), 100));
  }
  if (d.landUse !== undefined) {
    const landUse = requireObject(d.landUse, at('landUse'));
    for (const key of ['grasslandHa', 'maizeHa', 'arableHa'] as const) {
      const ha = landUse[key];
      if (typeof ha === 'number' && ha < 0) refuse('NEGATIVE_AREA', `${key} must be zero or more hectares`, 'invalid', at(`landUse.${key}`));
      requireNumber(ha, at(`landUse.${key}`), { min: 0 });
    }
    for (const key of Object.keys(landUse)) {
      if (!['grasslandHa', 'maizeHa', 'arableHa'].includes(key)) invalidField('UNKNOWN_FIELD', `${key} is not a land use`, at(`landUse.${key}`));
    }
    if (totalAreaHa(d.landUse) <= 0) refuse('NO_LAND_IN_USE', 'a farm needs land in use', 'invalid', at('landUse'));
  }
  if (d.peatSharePct !== undefined && !(typeof d.peatSharePct === 'number' && d.peatSharePct >= 0 && d.peatSharePct <= 100)) {
    refuse('PEAT_SHARE_OUT_OF_RANGE', 'peatSharePct must be between 0 and 100', 'invalid', at('peatSharePct'));
  }
  if (d.livestockUnits !== undefined) {
    if (typeof d.livestockUnits === 'number' && d.livestockUnits < 0) refuse('NEGATIVE_LIVESTOCK', 'livestockUnits must be zero or more', 'invalid', at('livestockUnits'));
    requireNumber(d.livestockUnits, at('livestockUnits'), { min: 0 });
  }
};

/** What a recorded correction changes: null or a missing value changes nothing (old events may hold null). */
const recordedChanges = (changes: unknown): Partial<FarmDetails> =>
  isPlainObject(changes) ? Object.fromEntries(DETAIL_KEYS.filter((k) => Object.hasOwn(changes, k) && changes[k] !== null && changes[k] !== undefined).map((k) => [k, changes[k]])) : {};

export const decideFarm = (command: FarmCommand, state: Farm): FarmEvent[] => {
  switch (command.type) {
    case 'RegisterFarm': {
      if (state.status === 'registered') return refuse('FARM_ALREADY_REGISTERED', `farm ${command.data.farmId} is already registered`, 'conflict', 'farmId');
      const { now, ...details } = command.data;
      if (details.landUse === undefined) return refuse('NO_LAND_IN_USE', 'a farm needs land in use', 'invalid', 'landUse');
      for (const key of DETAIL_KEYS) if (details[key] === undefined) invalidField('MISSING_FIELD', `a farm needs ${key}`, key);
      checkDetails(details, 'details');
      return [{ type: 'FarmRegistered', data: { ...details, registeredAt: now } }];
    }
    case 'CorrectFarmDetails': {
      if (state.status !== 'registered') return refuse('FARM_NOT_FOUND', `farm ${command.data.farmId} is not registered`, 'not_found', 'farmId');
      if (command.data.actorFarmerId !== undefined && command.data.actorFarmerId !== state.farmerId) {
        return refuse('NOT_YOUR_FARM', 'only the farmer of this farm may correct its details', 'forbidden');
      }
      checkDetails(command.data.changes, 'changes');
      for (const key of Object.keys(command.data.changes)) {
        if (!(DETAIL_KEYS as readonly string[]).includes(key)) invalidField('UNKNOWN_FIELD', `${key} is not a farm detail`, key);
      }
      if (Object.keys(command.data.changes).length === 0) return refuse('NOTHING_TO_CORRECT', 'a correction must change something', 'invalid', 'changes');
      // The values the farm already has change nothing either: a retry under a new key would otherwise record the same correction again.
      const current = state as unknown as Record<string, unknown>;
      if (Object.entries(command.data.changes).every(([key, value]) => sameValue(current[key], value))) {
        return refuse('NOTHING_TO_CORRECT', 'a correction must change something: the farm already has these details', 'invalid', 'changes');
      }
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
      return state.status === 'registered' ? { ...state, ...recordedChanges(event.data.changes) } : state;
    default:
      return assertNever(event);
  }
};

export const farmDecider: Decider<Farm, FarmCommand, FarmEvent> = {
  decide: decideFarm,
  evolve: evolveFarm,
  initialState: () => ({ status: 'unregistered' }),
};
