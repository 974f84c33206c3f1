import { Injectable } from '@nestjs/common';
import { equivalentMeasuresDecider, streams, type FarmEquivalentMeasures, type EquivalentMeasureCommand, type EquivalentMeasureEvent } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { DeciderHandler, type DeciderBinding } from '../command-handling/decider-handler';

/** The equivalent-measures decider and the stream a command of it decides on. */
export const equivalentMeasuresBinding: DeciderBinding<FarmEquivalentMeasures, EquivalentMeasureCommand, EquivalentMeasureEvent> = { decider: equivalentMeasuresDecider, streamId: (c) => streams.equivalentMeasures(c.data.farmId) };

/** Every equivalent-measures command is decided and appended here. */
@Injectable()
export class EquivalentMeasuresHandler extends DeciderHandler<FarmEquivalentMeasures, EquivalentMeasureCommand, EquivalentMeasureEvent> {
  constructor(commands: CommandService) {
    super(commands, equivalentMeasuresBinding);
  }
}
