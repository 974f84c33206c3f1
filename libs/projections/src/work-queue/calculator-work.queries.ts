import type { ReadModels } from '../read-models.port';
import { pageWhere, type PageRequest, type QueryPage } from '../paging';
import { calculatorWorkProjection, workPrefix, type CalculatorWorkDoc, type WorkItem, type WorkKind } from './calculator-work.projection';

/** The calculator's work queue, one kind a page at a time, by farm and year (`next`: the key to page on after). */
export class CalculatorWorkQuery {
  constructor(private readonly readModels: ReadModels) {}

  /** The waiting work of `kind` on the farms `shows` lets the caller see. */
  waiting(kind: WorkKind, shows: (farmId: string) => boolean, request: PageRequest): Promise<QueryPage<WorkItem>> {
    return pageWhere<CalculatorWorkDoc, WorkItem>(this.readModels, calculatorWorkProjection.name, workPrefix(kind), request, ({ doc }) =>
      doc.item && shows(doc.item.farmId) ? doc.item : null,
    );
  }
}
