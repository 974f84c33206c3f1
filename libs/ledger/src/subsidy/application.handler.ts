import { Injectable } from '@nestjs/common';
import { applicationDecider, streams, type SubsidyApplication, type ApplicationCommand, type ApplicationEvent } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { DeciderHandler, type DeciderBinding } from '../command-handling/decider-handler';

/** The subsidy application decider and the stream a command of it decides on. */
export const applicationBinding: DeciderBinding<SubsidyApplication, ApplicationCommand, ApplicationEvent> = { decider: applicationDecider, streamId: (c) => streams.application(c.data.scheme, c.data.farmId) };

/** Every subsidy application command is decided and appended here. */
@Injectable()
export class ApplicationHandler extends DeciderHandler<SubsidyApplication, ApplicationCommand, ApplicationEvent> {
  constructor(commands: CommandService) {
    super(commands, applicationBinding);
  }
}
