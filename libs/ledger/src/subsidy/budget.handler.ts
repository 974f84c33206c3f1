import { Injectable } from '@nestjs/common';
import { budgetDecider, streams, type SchemeBudget, type BudgetCommand, type BudgetEvent } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { DeciderHandler, type DeciderBinding } from '../command-handling/decider-handler';

/** The scheme budget decider and the stream a command of it decides on. */
export const budgetBinding: DeciderBinding<SchemeBudget, BudgetCommand, BudgetEvent> = { decider: budgetDecider, streamId: (c) => streams.schemeBudget(c.data.scheme) };

/** Every scheme budget command is decided and appended here. */
@Injectable()
export class BudgetHandler extends DeciderHandler<SchemeBudget, BudgetCommand, BudgetEvent> {
  constructor(commands: CommandService) {
    super(commands, budgetBinding);
  }
}
