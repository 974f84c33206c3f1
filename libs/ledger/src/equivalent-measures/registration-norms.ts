import { Injectable } from '@nestjs/common';
import { equivalentMeasuresDecider, ownValue, refuse, streams, type EquivalentMeasuresNorms, type NormSetDocument } from '@asb/domain';
import { CommandService } from '../command-handling/command-service';
import { NormSetService } from '../norms';

const NORM_SET = 'equivalente-maatregelen-2017';

/**
 * The usage-norms version that governs a registration: the one in force for its year (D41), not the
 * latest, so a later year's amendment never changes how an earlier registration is decided.
 */
@Injectable()
export class RegistrationNorms {
  constructor(
    private readonly commands: CommandService,
    private readonly normSets: NormSetService,
  ) {}

  async governing(farmId: string, registrationId: string): Promise<NormSetDocument<EquivalentMeasuresNorms>> {
    const { state } = await this.commands.load(streams.equivalentMeasures(farmId), equivalentMeasuresDecider);
    const registration = ownValue(state.registrations, registrationId);
    if (!registration) return refuse('REGISTRATION_NOT_FOUND', `no registration ${registrationId}`, 'not_found', 'registrationId');
    const norms = await this.normSets.governing<EquivalentMeasuresNorms>(NORM_SET, { year: registration.year });
    return norms ?? refuse('NO_NORM_SET_IN_FORCE', `no ${NORM_SET} version is in force for ${registration.year}`, 'not_found', 'registrationId');
  }
}
