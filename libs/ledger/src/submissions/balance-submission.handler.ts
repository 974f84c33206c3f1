import { Injectable } from '@nestjs/common';
import { balanceSubmissionsDecider, streams, type BalanceSubmissions, type BalanceSubmissionCommand, type BalanceSubmissionEvent } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { DeciderHandler, type DeciderBinding } from '../command-handling/decider-handler';

/** The balance-submission decider and the stream a command of it decides on. */
export const balanceSubmissionBinding: DeciderBinding<BalanceSubmissions, BalanceSubmissionCommand, BalanceSubmissionEvent> = { decider: balanceSubmissionsDecider, streamId: (c) => streams.balance(c.data.farmId, c.data.year) };

/** Every balance-submission command is decided and appended here. */
@Injectable()
export class BalanceSubmissionHandler extends DeciderHandler<BalanceSubmissions, BalanceSubmissionCommand, BalanceSubmissionEvent> {
  constructor(commands: CommandService) {
    super(commands, balanceSubmissionBinding);
  }
}
