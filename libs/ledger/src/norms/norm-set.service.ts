import {
  balanceParametersV1,
  checkTolerancesV1,
  drenthe2025NormSet,
  normSetDeciderWith,
  streams,
  validateNormSet,
  versionInForce,
  type NormSetDocument,
  type NormSetHistory,
} from '@asb/domain';
import type { CommandService } from '../command-handling/command-service';
import type { Clock } from '../clock/clock';

export const normSetDecider = normSetDeciderWith((doc) => validateNormSet(doc));

/** The parameter documents this ledger ships; published into the log on first start. */
export const SHIPPED_NORM_SETS: readonly NormSetDocument[] = [drenthe2025NormSet, checkTolerancesV1, balanceParametersV1];

/** The end of a farm-year: the version in force then applies to that year's results. */
export const effectiveDateOfYear = (year: number) => `${year}-12-31`;

/** Norm sets as events: publish, read a version as of a moment, pick the version in force. */
export class NormSetService {
  constructor(
    private readonly commands: CommandService,
    private readonly clock: Clock,
  ) {}

  async history(normSetId: string, asOf?: string): Promise<NormSetHistory> {
    return (await this.commands.load(streams.normSet(normSetId), normSetDecider, { asOf })).state;
  }

  async inForce(normSetId: string, effectiveAt: string, asOf?: string): Promise<NormSetDocument | null> {
    return versionInForce(await this.history(normSetId, asOf), effectiveAt);
  }

  async version(normSetId: string, version: number): Promise<NormSetDocument | null> {
    return (await this.history(normSetId)).versions.find((v) => v.document.version === version)?.document ?? null;
  }

  /** Idempotent: a shipped document already in the log is left alone. */
  async publishShipped(): Promise<void> {
    for (const document of SHIPPED_NORM_SETS) {
      const existing = await this.history(document.normSetId);
      if (existing.versions.length) continue;
      const now = this.clock.now();
      await this.commands.handle(
        streams.normSet(document.normSetId),
        normSetDecider,
        { type: 'PublishNormSet', data: { document, actorId: 'asb-ledger', now } },
        { commandId: `publish-shipped:${document.normSetId}:v${document.version}`, actor: { id: 'asb-ledger', role: 'system' }, now, normSet: { id: document.normSetId, version: document.version } },
      );
    }
  }
}
