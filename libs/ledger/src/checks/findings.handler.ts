import { Injectable } from '@nestjs/common';
import { findingsDecider, streams, type FarmYearFindings, type FindingCommand, type FindingEvent } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { DeciderHandler, type DeciderBinding } from '../command-handling/decider-handler';

/** The findings decider and the stream a command of it decides on. */
export const findingsBinding: DeciderBinding<FarmYearFindings, FindingCommand, FindingEvent> = { decider: findingsDecider, streamId: (c) => streams.findings(c.data.farmId, c.data.year) };

/** Every findings command is decided and appended here. */
@Injectable()
export class FindingsHandler extends DeciderHandler<FarmYearFindings, FindingCommand, FindingEvent> {
  constructor(commands: CommandService) {
    super(commands, findingsBinding);
  }
}
