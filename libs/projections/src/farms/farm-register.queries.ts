import type { ReadModels, ReadModelDocument } from '../read-models.port';
import { farmRegisterProjection, type FarmRecord } from './farm-register.projection';

/** The register of farms, by farm id. */
export class FarmRegisterQuery {
  constructor(private readonly readModels: ReadModels) {}

  farm(farmId: string): Promise<FarmRecord | undefined> {
    return this.readModels.get<FarmRecord>(farmRegisterProjection.name, farmId);
  }

  /** Every registered farm, in farm-id order. */
  all(): Promise<ReadModelDocument<FarmRecord>[]> {
    return this.readModels.list<FarmRecord>(farmRegisterProjection.name);
  }
}
