import { authorisationDecider, evolveAuthorisations, type AuthorisationEvent, type FarmAuthorisations } from '@asb/domain';
import type { Projection } from '../projection';

/** Authorisations per farm, for listing; access decisions read the farm's stream itself. */
export const authorisationsProjection: Projection<FarmAuthorisations> = {
  name: 'authorisations',
  version: 1,
  handles: ['AuthorisationGranted', 'AuthorisationRevoked', 'AuthorisationExpired'],
  keysOf: (e) => [(e.data as { farmId: string }).farmId],
  initialState: () => authorisationDecider.initialState(),
  evolve: (state, e) => evolveAuthorisations(state, { type: e.type, data: e.data } as AuthorisationEvent),
};
