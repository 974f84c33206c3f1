import type { Command, Decider, DomainEvent } from '@asb/domain';
import type { CommandContext } from './command-context';
import type { CommandResult, CommandService } from './command-service';

/**
 * A decider bound to its stream: which stream a command decides on is read from the command, once,
 * beside the decider (`streams.ts` names the streams). No caller picks a decider or a stream name.
 */
export type DeciderBinding<S, C extends Command, E extends DomainEvent> = Readonly<{
  decider: Decider<S, C, E>;
  streamId: (command: C) => string;
}>;

/**
 * The one write path of an aggregate: the bound stream, then read → fold → decide → append with the
 * revision read (CommandService.handle). Each area extends it as a Nest provider; controllers,
 * services and reactors all append through these.
 */
export abstract class DeciderHandler<S, C extends Command, E extends DomainEvent> {
  protected constructor(
    protected readonly commands: CommandService,
    readonly binding: DeciderBinding<S, C, E>,
  ) {}

  execute(command: C, ctx: CommandContext): Promise<CommandResult<E>> {
    return this.commands.handle(this.binding.streamId(command), this.binding.decider, command, ctx);
  }
}
