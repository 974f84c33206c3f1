import type { ReadModels } from '../read-models.port';
import { pageWhere, type PageRequest, type QueryPage } from '../paging';
import { schemeApplicationsProjection, type SchemeApplicationRecord } from './scheme-applications.projection';

/** Applications under a scheme, as the read model has them. */
export class SchemeApplicationsQuery {
  constructor(private readonly readModels: ReadModels) {}

  application(scheme: string, farmId: string): Promise<SchemeApplicationRecord | undefined> {
    return this.readModels.get<SchemeApplicationRecord>(schemeApplicationsProjection.name, `${scheme}:${farmId}`);
  }

  async ofScheme(scheme: string): Promise<SchemeApplicationRecord[]> {
    return (await this.readModels.list<SchemeApplicationRecord>(schemeApplicationsProjection.name, `${scheme}:`)).map((r) => r.doc);
  }

  /** The applications under a scheme, a page at a time by farm id. */
  pageOfScheme(scheme: string, request: PageRequest): Promise<QueryPage<NonNullable<SchemeApplicationRecord>>> {
    return pageWhere<SchemeApplicationRecord, NonNullable<SchemeApplicationRecord>>(this.readModels, schemeApplicationsProjection.name, `${scheme}:`, request, ({ doc }) => doc ?? null);
  }
}
