import { Module } from '@nestjs/common';
import type { EventStore } from '@asb/event-store';
import { WhatIfScenariosQuery } from '@asb/projections';
import { CLOCK, type Clock } from '../clock/clock';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { UPCAST_EVENT_STORE } from '../ledger.tokens';
import { NormSetService, NormSetsModule } from '../norms';
import { queryProviders } from '../read-models/query-providers';
import { WhatIfScenarioHandler } from './what-if-scenario.handler';
import { WhatIfService } from './what-if.service';

/** Policy what-if (D51, D52): saved scenarios and their runs. */
@Module({
  imports: [NormSetsModule],
  providers: [
    WhatIfScenarioHandler,
    ...queryProviders(WhatIfScenariosQuery),
    {
      provide: WhatIfService,
      useFactory: (scenarios: WhatIfScenariosQuery, store: EventStore, handler: WhatIfScenarioHandler, normSets: NormSetService, config: LedgerConfig, clock: Clock) =>
        new WhatIfService(scenarios, store, handler, normSets, config, clock),
      inject: [WhatIfScenariosQuery, UPCAST_EVENT_STORE, WhatIfScenarioHandler, NormSetService, LEDGER_CONFIG, CLOCK],
    },
  ],
  exports: [WhatIfScenarioHandler, WhatIfScenariosQuery, WhatIfService],
})
export class WhatIfModule {}
