import type { Projection } from './projection';
import { eventCatalogueProjection } from './catalogue/event-catalogue.projection';
import { farmRegisterProjection } from './farms/farm-register.projection';

/** Every projection the ledger keeps; replay and the runner work from this list. */
export const allProjections: readonly Projection<any>[] = [eventCatalogueProjection, farmRegisterProjection];
