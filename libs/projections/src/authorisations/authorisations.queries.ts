import type { FarmAuthorisations } from '@asb/domain';
import type { ReadModels } from '../read-models.port';
import { authorisationsProjection } from './authorisations.projection';

/** A farm's authorisations as the read model has them. */
export class AuthorisationsQuery {
  constructor(private readonly readModels: ReadModels) {}

  ofFarm(farmId: string): Promise<FarmAuthorisations | undefined> {
    return this.readModels.get<FarmAuthorisations>(authorisationsProjection.name, farmId);
  }
}
