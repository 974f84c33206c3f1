import { Injectable } from '@nestjs/common';
import { farmDecider, streams, type Farm, type FarmCommand, type FarmEvent } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { DeciderHandler, type DeciderBinding } from '../command-handling/decider-handler';

/** The farm decider and the stream a command of it decides on. */
export const farmBinding: DeciderBinding<Farm, FarmCommand, FarmEvent> = { decider: farmDecider, streamId: (c) => streams.farm(c.data.farmId) };

/** Every farm command is decided and appended here. */
@Injectable()
export class FarmHandler extends DeciderHandler<Farm, FarmCommand, FarmEvent> {
  constructor(commands: CommandService) {
    super(commands, farmBinding);
  }
}
