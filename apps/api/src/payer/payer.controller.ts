import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FarmScoresQuery } from '@asb/projections';
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
  ) {}

  /** Scores forwarded to the payer: approved by the farmer, no open blocking finding. */
  @Get('forwarded-scores')
  @Roles('payer', 'regulator')
  @ApiDoc({
    summary: 'The scores forwarded to the payer under a scheme',
    response: json.array(json.object({ farmId: json.string, year: json.number, scoreVersion: json.number, totalCents: json.number, forwardedAt: json.string, normSet: json.anyObject })),
    errors: [400, 401, 403, 404],
  })
  async forwarded(@Param() { scheme }: SchemeParam) {
    return (await this.scores.ofScheme(scheme))
      .filter((d) => d.forwarded)
      .map((d) => ({ farmId: d.farmId, year: d.year, scoreVersion: d.forwarded!.scoreVersion, totalCents: d.forwarded!.totalCents, forwardedAt: d.forwarded!.forwardedAt, normSet: d.normSet }));
  }
}
