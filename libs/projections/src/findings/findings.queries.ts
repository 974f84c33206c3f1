import { findingsDecider, type FarmYearFindings } from '@asb/domain';
import { farmYearKey } from '../balances/balance-submissions.projection';
import type { ReadModels } from '../read-models.port';
import { findingsProjection } from './findings.projection';

/** A farm-year's findings as the read model has them (none yet: the decider's initial state). */
export class FindingsQuery {
  constructor(private readonly readModels: ReadModels) {}

  async ofFarmYear(farmId: string, year: number): Promise<FarmYearFindings> {
    return (await this.readModels.get<FarmYearFindings>(findingsProjection.name, farmYearKey(farmId, year))) ?? findingsDecider.initialState();
  }
}
