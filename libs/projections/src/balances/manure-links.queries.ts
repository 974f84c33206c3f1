import type { ReadModels } from '../read-models.port';
import { farmYearKey } from './balance-submissions.projection';
import { manureLinksProjection, type ManureLinks } from './manure-links.projection';

/** The farms a farm-year's manure transports name as counterparts. */
export class ManureLinksQuery {
  constructor(private readonly readModels: ReadModels) {}

  async counterparts(farmId: string, year: number): Promise<readonly string[]> {
    return (await this.readModels.get<ManureLinks>(manureLinksProjection.name, farmYearKey(farmId, year)))?.counterparts ?? [];
  }
}
