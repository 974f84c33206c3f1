import type { ReadModelPage, ReadModels } from '../read-models.port';
import { whatIfScenariosProjection, type WhatIfScenarioDoc } from './what-if-scenarios.projection';

/** Saved what-if scenarios with their runs (D52), by scenario id. */
export class WhatIfScenariosQuery {
  constructor(private readonly readModels: ReadModels) {}

  async scenario(scenarioId: string): Promise<WhatIfScenarioDoc | null> {
    return (await this.readModels.get<WhatIfScenarioDoc | null>(whatIfScenariosProjection.name, scenarioId)) ?? null;
  }

  /** Up to `limit` scenarios after `after` (a scenario id), in id order. */
  page(options: { after?: string; limit: number }): Promise<ReadModelPage<WhatIfScenarioDoc | null>> {
    return this.readModels.page<WhatIfScenarioDoc | null>(whatIfScenariosProjection.name, options);
  }
}
