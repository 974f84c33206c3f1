import { Injectable } from '@nestjs/common';
import { findingsDecider, openBlockingFindings, streams } from '@asb/domain';
import { ChecksProgress } from '../checks';
import type { CommandContext } from '../command-handling/command-context';
import { CommandService } from '../command-handling/command-service';
import { ScoreHandler } from './score.handler';

/**
 * Forwarding reads the open blocking findings first: the decider refuses while any is open. The
 * findings are the check reactor's, written after the data arrived; so the reactor must first have
 * acted on the farm-year's latest data (bounded wait), and a submission it could not check (parked,
 * D34) holds forwarding up instead of passing unchecked.
 */
@Injectable()
export class ForwardScoreHandler {
  constructor(
    private readonly commands: CommandService,
    private readonly scores: ScoreHandler,
    private readonly checks: ChecksProgress,
  ) {}

  async execute(key: { scheme: string; farmId: string; year: number; scoreVersion: number }, ctx: CommandContext) {
    await this.checks.requireSeen(key.farmId, key.year);
    const findings = await this.commands.load(streams.findings(key.farmId, key.year), findingsDecider);
    const open = openBlockingFindings(findings.state).map((f) => f.findingId);
    return this.scores.execute({ type: 'ForwardScore', data: { ...key, actorId: ctx.actor.id, actorRole: ctx.actor.role, openBlockingFindings: open, now: ctx.now } }, ctx);
  }
}
