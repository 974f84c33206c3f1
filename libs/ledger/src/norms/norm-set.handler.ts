import { Injectable } from '@nestjs/common';
import { normSetDeciderWith, streams, type NormSetCommand, type NormSetEvent, type NormSetHistory } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { DeciderHandler, type DeciderBinding } from '../command-handling/decider-handler';

/** The norm-set decider validates every document itself (D31): paths, reserved keys, the whole document of every kind. */
export const normSetDecider = normSetDeciderWith();

/** The stream of a norm set: a publication names it in its document, an amendment or withdrawal by id. */
export const normSetBinding: DeciderBinding<NormSetHistory, NormSetCommand, NormSetEvent> = {
  decider: normSetDecider,
  streamId: (c) => streams.normSet(c.type === 'PublishNormSet' ? c.data.document.normSetId : c.data.normSetId),
};

/** Every norm-set command is decided and appended here. */
@Injectable()
export class NormSetHandler extends DeciderHandler<NormSetHistory, NormSetCommand, NormSetEvent> {
  constructor(commands: CommandService) {
    super(commands, normSetBinding);
  }
}
