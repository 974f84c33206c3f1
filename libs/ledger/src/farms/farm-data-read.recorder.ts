import { Injectable } from '@nestjs/common';
import { streams, type FarmDataRead } from '@asb/domain';
import { CommandService, type CommandResult } from '../command-handling/command-service';
import type { CommandContext } from '../command-handling/command-context';

/**
 * A read is a fact about a disclosure, not a decision on state: recorded on the farm's read stream
 * (`data-reads-{farmId}`, D64) without a revision check, so concurrent reads never conflict and the
 * embedded store's group commit takes them into one transaction. No command folds that stream.
 */
@Injectable()
export class FarmDataReadRecorder {
  constructor(private readonly commands: CommandService) {}

  execute(event: FarmDataRead, ctx: CommandContext): Promise<CommandResult<FarmDataRead>> {
    return this.commands.record(streams.dataReads(event.data.farmId), [event], ctx);
  }
}
