import { Injectable } from '@nestjs/common';
import { scoreDecider, streams, type FarmYearScore, type ScoreCommand, type ScoreEvent } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { DeciderHandler, type DeciderBinding } from '../command-handling/decider-handler';

/** The score decider and the stream a command of it decides on. */
export const scoreBinding: DeciderBinding<FarmYearScore, ScoreCommand, ScoreEvent> = { decider: scoreDecider, streamId: (c) => streams.score(c.data.scheme, c.data.farmId, c.data.year) };

/** Every score command is decided and appended here. */
@Injectable()
export class ScoreHandler extends DeciderHandler<FarmYearScore, ScoreCommand, ScoreEvent> {
  constructor(commands: CommandService) {
    super(commands, scoreBinding);
  }
}
