import type { Projection } from './projection';
import { eventCatalogueProjection } from './catalogue/event-catalogue.projection';
import { farmRegisterProjection } from './farms/farm-register.projection';
import { farmYearsProjection } from './balances/farm-years.projection';
import { findingsProjection } from './findings/findings.projection';
import { authorisationsProjection } from './authorisations/authorisations.projection';
import { manureLinksProjection } from './balances/manure-links.projection';
import { farmScoresProjection } from './scores/farm-scores.projection';
import { schemeApplicationsProjection } from './subsidy/scheme-applications.projection';
import { leviesProjection } from './levies/levies.projection';
import { farmSpecificNormsProjection } from './levies/farm-specific-norms.projection';
import { farmStreamsProjection } from './audit/farm-streams.projection';
import { normSetCatalogueProjection } from './catalogue/norm-set-catalogue.projection';
import { whatIfScenariosProjection } from './what-if/what-if-scenarios.projection';
import { farmAccessLogProjection } from './access/farm-access-log.projection';
import { calculatorWorkProjection } from './work-queue/calculator-work.projection';

/** Every projection the ledger keeps; replay and the runner work from this list. */
export const allProjections: readonly Projection<any>[] = [
  eventCatalogueProjection,
  farmRegisterProjection,
  farmYearsProjection,
  findingsProjection,
  authorisationsProjection,
  manureLinksProjection,
  farmScoresProjection,
  schemeApplicationsProjection,
  leviesProjection,
  farmSpecificNormsProjection,
  farmStreamsProjection,
  normSetCatalogueProjection,
  whatIfScenariosProjection,
  farmAccessLogProjection,
  calculatorWorkProjection,
];
