import type { ReadModels } from '../read-models.port';
import { farmStreamsProjection, type FarmStreams } from './farm-streams.projection';

/** The streams that hold a farm's events (its audit bundle). */
export class FarmStreamsQuery {
  constructor(private readonly readModels: ReadModels) {}

  async ofFarm(farmId: string): Promise<readonly string[]> {
    return (await this.readModels.get<FarmStreams>(farmStreamsProjection.name, farmId))?.streams ?? [];
  }
}
