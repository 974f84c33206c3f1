import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DeMinimisDeclaration, EligibilityEvidence } from '@asb/domain';
import { LedgerRuntime, type CommandContext } from '@asb/ledger';

type Target = { scheme: string; farmId: string };

/** One message per money step; each handler is one call into the subsidy service (read → decide → append). */
export type SubsidyStep =
  | { kind: 'apply'; target: Target; applicationId: string; deMinimis?: DeMinimisDeclaration; wurAuthorisationId?: string; eligibility?: EligibilityEvidence; farmOwnerId: string }
  | { kind: 'supplement'; target: Target; deMinimis?: DeMinimisDeclaration; wurAuthorisationId?: string; eligibility?: EligibilityEvidence; farmOwnerId: string }
  | { kind: 'withdraw'; target: Target; reason?: string; farmOwnerId: string }
  | { kind: 'close'; target: Target }
  | { kind: 'allocate'; scheme: string }
  | { kind: 'advance'; target: Target }
  | { kind: 'settle'; target: Target };

export class SubsidyStepMessage {
  constructor(readonly step: SubsidyStep, readonly ctx: CommandContext) {}
}

@CommandHandler(SubsidyStepMessage)
export class SubsidyStepHandler implements ICommandHandler<SubsidyStepMessage> {
  constructor(private readonly runtime: LedgerRuntime) {}
  execute({ step, ctx }: SubsidyStepMessage) {
    const s = this.runtime.subsidy;
    switch (step.kind) {
      case 'apply':
        return s.apply(step.target.scheme, step.target.farmId, step, ctx);
      case 'supplement':
        return s.supplement(step.target.scheme, step.target.farmId, step, ctx);
      case 'withdraw':
        return s.withdraw(step.target.scheme, step.target.farmId, step, ctx);
      case 'close':
        return s.close(step.target.scheme, step.target.farmId, ctx);
      case 'allocate':
        return s.allocate(step.scheme, ctx);
      case 'advance':
        return s.payAdvance(step.target.scheme, step.target.farmId, ctx);
      case 'settle':
        return s.settle(step.target.scheme, step.target.farmId, ctx);
    }
  }
}
