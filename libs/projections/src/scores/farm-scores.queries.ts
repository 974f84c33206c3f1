import type { ReadModels } from '../read-models.port';
import { pageWhere, type PageRequest, type QueryPage } from '../paging';
import { farmScoresProjection, scoreKey, type FarmScoreDoc } from './farm-scores.projection';

/** Scores per scheme, farm and year, as the read model has them. */
export class FarmScoresQuery {
  constructor(private readonly readModels: ReadModels) {}

  score(scheme: string, farmId: string, year: number): Promise<FarmScoreDoc | undefined> {
    return this.readModels.get<FarmScoreDoc>(farmScoresProjection.name, scoreKey(scheme, farmId, year));
  }

  async ofScheme(scheme: string): Promise<FarmScoreDoc[]> {
    return (await this.readModels.list<FarmScoreDoc>(farmScoresProjection.name, `${scheme}:`)).map((r) => r.doc);
  }

  /** Every scheme's score of one farm-year. */
  async ofFarmYear(farmId: string, year: number): Promise<FarmScoreDoc[]> {
    return (await this.readModels.listMatching<FarmScoreDoc>(farmScoresProjection.name, '', `:${farmId}:${year}`)).map((r) => r.doc);
  }

  async ofSchemeYear(scheme: string, year: number): Promise<FarmScoreDoc[]> {
    return (await this.readModels.listMatching<FarmScoreDoc>(farmScoresProjection.name, `${scheme}:`, `:${year}`)).map((r) => r.doc);
  }

  /** The scores of a scheme forwarded to the payer, a page at a time by farm and year. */
  forwardedOfScheme(scheme: string, request: PageRequest): Promise<QueryPage<FarmScoreDoc>> {
    return pageWhere<FarmScoreDoc, FarmScoreDoc>(this.readModels, farmScoresProjection.name, `${scheme}:`, request, ({ doc }) => (doc?.forwarded ? doc : null));
  }
}
