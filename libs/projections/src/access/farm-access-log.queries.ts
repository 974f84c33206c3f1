import type { ReadModels } from '../read-models.port';
import { pageWhere, type PageRequest, type QueryPage } from '../paging';
import { accessLogPrefix, farmAccessLogProjection, type FarmAccessLogEntry } from './farm-access-log.projection';

/** A farm's access log, newest first, a page at a time (`next`: the key to page on after). */
export class FarmAccessLogQuery {
  constructor(private readonly readModels: ReadModels) {}

  ofFarm(farmId: string, request: PageRequest): Promise<QueryPage<FarmAccessLogEntry>> {
    return pageWhere<FarmAccessLogEntry | null, FarmAccessLogEntry>(this.readModels, farmAccessLogProjection.name, accessLogPrefix(farmId), request, ({ doc }) => doc);
  }
}
