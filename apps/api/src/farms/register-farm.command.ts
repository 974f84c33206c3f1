import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { farmDecider, streams, type FarmDetails } from '@asb/domain';
import { CommandService, type CommandContext } from '@asb/ledger';

export class RegisterFarmCommand {
  constructor(
    readonly data: FarmDetails & { farmId: string; farmerId: string },
    readonly ctx: CommandContext,
  ) {}
}

@CommandHandler(RegisterFarmCommand)
export class RegisterFarmHandler implements ICommandHandler<RegisterFarmCommand> {
  constructor(private readonly commands: CommandService) {}
  execute({ data, ctx }: RegisterFarmCommand) {
    return this.commands.handle(streams.farm(data.farmId), farmDecider, { type: 'RegisterFarm', data: { ...data, now: ctx.now } }, ctx);
  }
}
