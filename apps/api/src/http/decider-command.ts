import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Command, Decider, DomainEvent } from '@asb/domain';
import { CommandService, type CommandContext } from '@asb/ledger';

/**
 * A command for one aggregate stream: the bus carries it to the one generic handler, which is
 * read → fold → decide → append with the revision read (CommandService.handle).
 */
export class DeciderCommand<S = unknown, C extends Command = Command, E extends DomainEvent = DomainEvent> {
  constructor(
    readonly streamId: string,
    readonly decider: Decider<S, C, E>,
    readonly command: C,
    readonly ctx: CommandContext,
  ) {}
}

@CommandHandler(DeciderCommand)
export class DeciderCommandHandler implements ICommandHandler<DeciderCommand> {
  constructor(private readonly commands: CommandService) {}
  execute({ streamId, decider, command, ctx }: DeciderCommand) {
    return this.commands.handle(streamId, decider, command, ctx);
  }
}
