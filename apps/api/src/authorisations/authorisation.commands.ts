import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorisationDecider, streams, type AuthorisationCommand } from '@asb/domain';
import { CommandService, type CommandContext } from '@asb/ledger';

/** Grant, revoke or expire: one decider, one stream per farm. */
export class AuthorisationCommandMessage {
  constructor(
    readonly command: AuthorisationCommand,
    readonly ctx: CommandContext,
  ) {}
}

@CommandHandler(AuthorisationCommandMessage)
export class AuthorisationCommandHandler implements ICommandHandler<AuthorisationCommandMessage> {
  constructor(private readonly commands: CommandService) {}
  execute({ command, ctx }: AuthorisationCommandMessage) {
    return this.commands.handle(streams.authorisations(command.data.farmId), authorisationDecider, command, ctx);
  }
}
