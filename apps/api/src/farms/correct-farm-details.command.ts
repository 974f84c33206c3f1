import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { farmDecider, streams, type CorrectFarmDetails } from '@asb/domain';
import { CommandService, type CommandContext } from '@asb/ledger';

export class CorrectFarmDetailsCommand {
  constructor(
    readonly command: CorrectFarmDetails,
    readonly ctx: CommandContext,
  ) {}
}

@CommandHandler(CorrectFarmDetailsCommand)
export class CorrectFarmDetailsHandler implements ICommandHandler<CorrectFarmDetailsCommand> {
  constructor(private readonly commands: CommandService) {}
  execute({ command, ctx }: CorrectFarmDetailsCommand) {
    return this.commands.handle(streams.farm(command.data.farmId), farmDecider, command, ctx);
  }
}
