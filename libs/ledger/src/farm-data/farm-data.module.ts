import { Module } from '@nestjs/common';
import { CommandService } from '../command-handling/command-service';
import { NormSetService, NormSetsModule } from '../norms';
import { FarmDataReader } from './farm-data.reader';

/** A farm's recorded data as the areas that compute from it read it. */
@Module({
  imports: [NormSetsModule],
  providers: [{ provide: FarmDataReader, useFactory: (commands: CommandService, normSets: NormSetService) => new FarmDataReader(commands, normSets), inject: [CommandService, NormSetService] }],
  exports: [FarmDataReader],
})
export class FarmDataModule {}
