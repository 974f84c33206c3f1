import type { ReadModels } from '../read-models.port';
import { leviesProjection, levyKey, type LevyDoc } from './levies.projection';

/** Levies per levy, farm and year, as the read model has them. */
export class LeviesQuery {
  constructor(private readonly readModels: ReadModels) {}

  levy(levyId: string, farmId: string, year: number): Promise<LevyDoc | undefined> {
    return this.readModels.get<LevyDoc>(leviesProjection.name, levyKey(levyId, farmId, year));
  }

  async ofLevy(levyId: string): Promise<LevyDoc[]> {
    return (await this.readModels.list<LevyDoc>(leviesProjection.name, `${levyId}:`)).map((r) => r.doc);
  }

  async ofLevyYear(levyId: string, year: number): Promise<LevyDoc[]> {
    return (await this.readModels.listMatching<LevyDoc>(leviesProjection.name, `${levyId}:`, `:${year}`)).map((r) => r.doc);
  }
}
