import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { balanceSubmissionsDecider, streams, type BalanceSubmissionCommand } from '@asb/domain';
import { CommandService, type CommandContext } from '@asb/ledger';

export class BalanceSubmissionCommandMessage {
  constructor(
    readonly command: BalanceSubmissionCommand,
    readonly ctx: CommandContext,
  ) {}
}

@CommandHandler(BalanceSubmissionCommandMessage)
export class BalanceSubmissionCommandHandler implements ICommandHandler<BalanceSubmissionCommandMessage> {
  constructor(private readonly commands: CommandService) {}
  execute({ command, ctx }: BalanceSubmissionCommandMessage) {
    return this.commands.handle(streams.balance(command.data.farmId, command.data.year), balanceSubmissionsDecider, command, ctx);
  }
}
