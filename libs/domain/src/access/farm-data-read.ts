import type { DomainEvent } from '../shared/decider';

/**
 * What of a farm's data was read (a closed list: the farmer's access log names each in words). Every
 * answer of the API that shows a farm's own data to someone other than its farmer is one of these.
 */
export const FARM_DATA_RESOURCES = [
  'farm', 'farm-list', 'years', 'authorisations', 'submissions', 'balance', 'findings', 'scores', 'application',
  'decision-document', 'levy', 'equivalent-measures', 'history', 'timeline', 'difference', 'explanation', 'bundle',
  'payments', 'access-log', 'work-queue',
] as const;
export type FarmDataResource = (typeof FARM_DATA_RESOURCES)[number];

/**
 * Why the reader was let in: an authorisation the farmer granted (its id in `authorisationId`), or the
 * reader's statutory task (regulator, payer, norm authority) which needs no authorisation of the farmer.
 */
export type FarmDataReadBasis = 'authorisation' | 'statutory-task';

/** What a read was of: the resource and, where the answer is about one, the year, scheme or levy. */
export type FarmDataReadOf = Readonly<{ resource: FarmDataResource; year?: number; scheme?: string; levyId?: string }>;

/**
 * A third party was shown a farm's data (D64: the record of processing a farmer may inspect,
 * GDPR art. 15). Recorded before the answer leaves the API; reads by the farm's own farmer are not.
 */
export type FarmDataRead = DomainEvent<
  'FarmDataRead',
  FarmDataReadOf & { farmId: string; actorId: string; actorRole: string; basis: FarmDataReadBasis; authorisationId?: string; readAt: string }
>;
