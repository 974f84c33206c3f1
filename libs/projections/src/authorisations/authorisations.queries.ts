import { findValidAuthorisation, type FarmAuthorisations } from '@asb/domain';
import type { ReadModels } from '../read-models.port';
import { authorisationsProjection } from './authorisations.projection';

/** A farm's authorisations as the read model has them. */
export class AuthorisationsQuery {
  constructor(private readonly readModels: ReadModels) {}

  ofFarm(farmId: string): Promise<FarmAuthorisations | undefined> {
    return this.readModels.get<FarmAuthorisations>(authorisationsProjection.name, farmId);
  }

  /**
   * The farms whose authorisation of `granteeId` in `granteeRole` is valid at `at`, each with the authorisation relied on.
   * One pass over every farm's authorisations: the grantee is not in the key (a revocation does not name it).
   */
  async farmsAuthorising(granteeId: string, granteeRole: string, at: string): Promise<Map<string, string>> {
    const farms = new Map<string, string>();
    for (const { key, doc } of await this.readModels.list<FarmAuthorisations>(authorisationsProjection.name)) {
      const authorisation = findValidAuthorisation(doc, { granteeId, granteeRole, at });
      if (authorisation) farms.set(key, authorisation.authorisationId);
    }
    return farms;
  }
}
