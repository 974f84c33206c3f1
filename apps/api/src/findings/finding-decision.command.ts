import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { findingsDecider, streams, type ResolveFindingByDecision } from '@asb/domain';
import { CommandService, type CommandContext } from '@asb/ledger';

export class FindingDecisionMessage {
  constructor(
    readonly command: ResolveFindingByDecision,
    readonly ctx: CommandContext,
  ) {}
}

@CommandHandler(FindingDecisionMessage)
export class FindingDecisionHandler implements ICommandHandler<FindingDecisionMessage> {
  constructor(private readonly commands: CommandService) {}
  execute({ command, ctx }: FindingDecisionMessage) {
    return this.commands.handle(streams.findings(command.data.farmId, command.data.year), findingsDecider, command, ctx);
  }
}
