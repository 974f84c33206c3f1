import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import type { Actor } from '@asb/event-store';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FarmScoresQuery } from '@asb/projections';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { PublishedSchemeGuard, SchemeId } from '../schemes/scheme-catalogue';
import { ApiDoc, json } from '../http/openapi';

class SchemeParam {
  @SchemeId() scheme!: string;
}

@ApiTags('payer')
@ApiBearerAuth()
@Controller('payer/:scheme')
@UseGuards(PublishedSchemeGuard)
export class PayerController {
  constructor(
    private readonly scores: FarmScoresQuery,
    private readonly access: FarmAccessService,
  ) {}

  /** Scores forwarded to the payer: approved by the farmer, no open blocking finding. */
  @Get('forwarded-scores')
  @Roles('payer', 'regulator')
  @ApiDoc({
    summary: 'The scores forwarded to the payer under a scheme',
    response: json.array(json.object({ farmId: json.string, year: json.number, scoreVersion: json.number, totalCents: json.number, forwardedAt: json.string, normSet: json.anyObject })),
    errors: [400, 401, 403, 404],
  })
  async forwarded(@Param() { scheme }: SchemeParam, @CurrentActor() actor: Actor) {
    const forwarded = (await this.scores.ofScheme(scheme))
      .filter((d) => d.forwarded)
      .map((d) => ({ farmId: d.farmId, year: d.year, scoreVersion: d.forwarded!.scoreVersion, totalCents: d.forwarded!.totalCents, forwardedAt: d.forwarded!.forwardedAt, normSet: d.normSet }));
    await this.access.recordReads(actor, forwarded.map((f) => ({ farmId: f.farmId })), { resource: 'payments', scheme });
    return forwarded;
  }
}
