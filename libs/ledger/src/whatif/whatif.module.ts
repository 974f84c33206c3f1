import { Module } from '@nestjs/common';
import { WhatIfScenariosQuery } from '@asb/projections';
import { queryProviders } from '../read-models/query-providers';
import { WhatIfScenarioHandler } from './what-if-scenario.handler';

/** Policy what-if (D51, D52): saved scenarios and their runs. `WhatIfService` is bound by LedgerModule. */
@Module({
  providers: [WhatIfScenarioHandler, ...queryProviders(WhatIfScenariosQuery)],
  exports: [WhatIfScenarioHandler, WhatIfScenariosQuery],
})
export class WhatIfModule {}
