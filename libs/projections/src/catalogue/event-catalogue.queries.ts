import type { ReadModels } from '../read-models.port';
import { eventCatalogueProjection, type EventTypeCount } from './event-catalogue.projection';

/** Every event type recorded, with how often and when first and last. */
export class EventCatalogueQuery {
  constructor(private readonly readModels: ReadModels) {}

  async all(): Promise<EventTypeCount[]> {
    return (await this.readModels.list<EventTypeCount>(eventCatalogueProjection.name)).map((r) => r.doc);
  }
}
