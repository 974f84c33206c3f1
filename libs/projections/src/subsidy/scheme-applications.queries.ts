import type { ReadModels } from '../read-models.port';
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
}
