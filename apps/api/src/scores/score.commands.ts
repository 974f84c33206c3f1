import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { findingsDecider, openBlockingFindings, refuse, scoreDecider, streams } from '@asb/domain';
import { CommandService, LedgerRuntime, type CommandContext } from '@asb/ledger';

type FarmYear = { scheme: string; farmId: string; year: number };

export class CalculateScoreMessage {
  constructor(readonly key: FarmYear, readonly ctx: CommandContext, readonly reason?: string) {}
}
@CommandHandler(CalculateScoreMessage)
export class CalculateScoreHandler implements ICommandHandler<CalculateScoreMessage> {
  constructor(private readonly runtime: LedgerRuntime) {}
  execute({ key, ctx, reason }: CalculateScoreMessage) {
    return this.runtime.scoring.calculate(key.scheme, key.farmId, key.year, ctx, { reason: reason ?? 'calculated from the latest submitted indicators' });
  }
}

/**
 * Forwarding reads the open blocking findings first: the decider refuses while any is open. The
 * findings are the check reactor's, written after the data arrived; so the reactor must first have
 * acted on the farm-year's latest data (bounded wait), and a submission it could not check (parked,
 * D34) holds forwarding up instead of passing unchecked.
 */
export class ForwardScoreMessage {
  constructor(readonly key: FarmYear & { scoreVersion: number }, readonly ctx: CommandContext) {}
}
@CommandHandler(ForwardScoreMessage)
export class ForwardScoreHandler implements ICommandHandler<ForwardScoreMessage> {
  constructor(
    private readonly commands: CommandService,
    private readonly runtime: LedgerRuntime,
  ) {}

  async execute({ key, ctx }: ForwardScoreMessage) {
    await this.checksHaveSeenTheData(key.farmId, key.year);
    const findings = await this.commands.load(streams.findings(key.farmId, key.year), findingsDecider);
    const open = openBlockingFindings(findings.state).map((f) => f.findingId);
    return this.commands.handle(
      streams.score(key.scheme, key.farmId, key.year),
      scoreDecider,
      { type: 'ForwardScore', data: { ...key, actorId: ctx.actor.id, actorRole: ctx.actor.role, openBlockingFindings: open, now: ctx.now } },
      ctx,
    );
  }

  /** Where the checks run in another process (the production shape's worker), that process holds this. */
  private async checksHaveSeenTheData(farmId: string, year: number): Promise<void> {
    const checks = this.runtime.reactors.find((r) => r.name === 'reactor:checks');
    if (!checks?.state()) return;
    const balanceStream = streams.balance(farmId, year);
    const latest = (await this.runtime.store.readStream(balanceStream)).at(-1);
    if (!latest) return;
    if ((await this.runtime.projectionStore.parked('reactor:checks')).some((f) => f.streamId === balanceStream)) {
      refuse('CHECKS_FAILED', `the checks could not run on the data of ${farmId} ${year} (GET /audit/subscriber-failures says why): the score is not forwarded unchecked`, 'conflict');
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.runtime.config.readYourWritesTimeoutMs)));
    try {
      const reached = await Promise.race([checks.caughtUp(latest.position).then(() => true, () => false), timedOut]);
      if (!reached) refuse('CHECKS_PENDING', `the checks have not yet acted on the latest data of ${farmId} ${year}; forward again shortly`, 'conflict');
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A dispute reads the scheme's decision period from the norm set in force (D36). */
export class DisputeScoreMessage {
  constructor(readonly key: FarmYear, readonly farm: { farmId: string; farmerId: string }, readonly input: { scoreVersion: number; reason: string }, readonly ctx: CommandContext) {}
}
@CommandHandler(DisputeScoreMessage)
export class DisputeScoreHandler implements ICommandHandler<DisputeScoreMessage> {
  constructor(private readonly runtime: LedgerRuntime) {}
  execute({ key, farm, input, ctx }: DisputeScoreMessage) {
    return this.runtime.scoring.dispute(key.scheme, farm, key.year, input, ctx);
  }
}

/** The decision on a dispute: the scheme names the deciding role (D36). */
export class DecideScoreDisputeMessage {
  constructor(readonly key: FarmYear, readonly input: { scoreVersion: number; outcome: 'upheld' | 'rejected'; reason: string }, readonly ctx: CommandContext) {}
}
@CommandHandler(DecideScoreDisputeMessage)
export class DecideScoreDisputeHandler implements ICommandHandler<DecideScoreDisputeMessage> {
  constructor(private readonly runtime: LedgerRuntime) {}
  execute({ key, input, ctx }: DecideScoreDisputeMessage) {
    return this.runtime.scoring.decideDispute(key.scheme, key.farmId, key.year, input, ctx);
  }
}
