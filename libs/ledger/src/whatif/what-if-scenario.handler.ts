import { Injectable } from '@nestjs/common';
import { streams, whatIfScenarioDecider, type WhatIfScenarioCommand, type WhatIfScenarioEvent, type WhatIfScenarioState } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { DeciderHandler, type DeciderBinding } from '../command-handling/decider-handler';

/** The scenario decider and its stream: the scenario's own, never one of the official record (D52). */
export const whatIfScenarioBinding: DeciderBinding<WhatIfScenarioState, WhatIfScenarioCommand, WhatIfScenarioEvent> = {
  decider: whatIfScenarioDecider,
  streamId: (c) => streams.whatIfScenario(c.data.scenarioId),
};

/** Every what-if scenario command is decided and appended here. */
@Injectable()
export class WhatIfScenarioHandler extends DeciderHandler<WhatIfScenarioState, WhatIfScenarioCommand, WhatIfScenarioEvent> {
  constructor(commands: CommandService) {
    super(commands, whatIfScenarioBinding);
  }

  /** A scenario's state from its own stream (what a run reads; the read model may lag behind). */
  async state(scenarioId: string): Promise<WhatIfScenarioState> {
    return (await this.commands.load(streams.whatIfScenario(scenarioId), whatIfScenarioDecider)).state;
  }
}
