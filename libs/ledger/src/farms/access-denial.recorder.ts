import { Injectable } from '@nestjs/common';
import { streams, type AccessDenied } from '@asb/domain';
import { CommandService, type CommandResult } from '../command-handling/command-service';
import type { CommandContext } from '../command-handling/command-context';

/**
 * A denial is a fact about the attempt, not a decision on state: recorded on the farm's denial
 * stream without a revision check (CommandService.record), with the ids and metadata of any event.
 */
@Injectable()
export class AccessDenialRecorder {
  constructor(private readonly commands: CommandService) {}

  execute(event: AccessDenied, ctx: CommandContext): Promise<CommandResult<AccessDenied>> {
    return this.commands.record(streams.accessDenials(event.data.farmId), [event], ctx);
  }
}
