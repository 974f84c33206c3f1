import { Injectable } from '@nestjs/common';
import { authorisationDecider, streams, type FarmAuthorisations, type AuthorisationCommand, type AuthorisationEvent } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { DeciderHandler, type DeciderBinding } from '../command-handling/decider-handler';

/** The authorisation decider and the stream a command of it decides on. */
export const authorisationBinding: DeciderBinding<FarmAuthorisations, AuthorisationCommand, AuthorisationEvent> = { decider: authorisationDecider, streamId: (c) => streams.authorisations(c.data.farmId) };

/** Every authorisation command is decided and appended here. */
@Injectable()
export class AuthorisationHandler extends DeciderHandler<FarmAuthorisations, AuthorisationCommand, AuthorisationEvent> {
  constructor(commands: CommandService) {
    super(commands, authorisationBinding);
  }
}
