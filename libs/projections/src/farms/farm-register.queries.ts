import type { ReadModels, ReadModelDocument } from '../read-models.port';
import { pageWhere, type PageRequest, type QueryPage } from '../paging';
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

  /** The registered farms that `select` keeps (null: not for this page), a page at a time in farm-id order. */
  page<Item>(request: PageRequest, select: (farm: NonNullable<FarmRecord>) => Item | null | Promise<Item | null>): Promise<QueryPage<Item>> {
    return pageWhere<FarmRecord, Item>(this.readModels, farmRegisterProjection.name, '', request, ({ doc }) => (doc ? select(doc) : null));
  }

  /** Farms whose id, farmer or province holds every word (case-insensitive), a page at a time in farm-id order. */
  search(words: readonly string[], request: PageRequest): Promise<QueryPage<NonNullable<FarmRecord>>> {
    const wanted = words.map((w) => w.toLowerCase());
    return pageWhere<FarmRecord, NonNullable<FarmRecord>>(this.readModels, farmRegisterProjection.name, '', request, ({ doc }) => {
      if (!doc) return null;
      const text = `${doc.farmId} ${doc.farmerId} ${doc.province}`.toLowerCase();
      return wanted.every((w) => text.includes(w)) ? doc : null;
    });
  }
}
