import type { ReadModels } from '../read-models.port';
import { farmYearsProjection, type FarmYear } from './farm-years.projection';

/** The farm-years with data: per farm, or per year across farms. */
export class FarmYearsQuery {
  constructor(private readonly readModels: ReadModels) {}

  async ofFarm(farmId: string): Promise<FarmYear[]> {
    return (await this.readModels.list<FarmYear>(farmYearsProjection.name, `${farmId}:`)).map((r) => r.doc);
  }

  async ofYear(year: number): Promise<FarmYear[]> {
    return (await this.readModels.listMatching<FarmYear>(farmYearsProjection.name, '', `:${year}`)).map((r) => r.doc);
  }
}
