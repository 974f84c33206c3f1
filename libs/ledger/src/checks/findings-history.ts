import { Injectable } from '@nestjs/common';
import { findingsDecider, streams, type FarmYearFindings } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';

/** A farm-year's findings as they stood at a moment, folded from its stream (the read model has only now). */
@Injectable()
export class FindingsHistory {
  constructor(private readonly commands: CommandService) {}

  async asOf(farmId: string, year: number, asOf: string): Promise<FarmYearFindings> {
    return (await this.commands.load(streams.findings(farmId, year), findingsDecider, { asOf })).state;
  }
}
