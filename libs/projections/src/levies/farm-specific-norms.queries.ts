import type { ReadModels } from '../read-models.port';
import { farmSpecificNormsProjection, type FarmSpecificNorms } from './farm-specific-norms.projection';

/** A farm's equivalente maatregelen and the farm-specific norms granted or refused. */
export class FarmSpecificNormsQuery {
  constructor(private readonly readModels: ReadModels) {}

  ofFarm(farmId: string): Promise<FarmSpecificNorms | undefined> {
    return this.readModels.get<FarmSpecificNorms>(farmSpecificNormsProjection.name, farmId);
  }
}
