import { Injectable } from '@nestjs/common';
import { levyDecider, streams, type FarmYearLevy, type LevyCommand, type LevyEvent } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { DeciderHandler, type DeciderBinding } from '../command-handling/decider-handler';

/** The levy decider and the stream a command of it decides on. */
export const levyBinding: DeciderBinding<FarmYearLevy, LevyCommand, LevyEvent> = { decider: levyDecider, streamId: (c) => streams.levy(c.data.levyId, c.data.farmId, c.data.year) };

/** Every levy command is decided and appended here. */
@Injectable()
export class LevyHandler extends DeciderHandler<FarmYearLevy, LevyCommand, LevyEvent> {
  constructor(commands: CommandService) {
    super(commands, levyBinding);
  }
}
