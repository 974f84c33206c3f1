import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { READ_MODEL_STORE, type FarmScoreDoc, type ReadModelStore } from '@asb/projections';
import { Roles } from '../auth/roles.decorator';
import { PublishedSchemeGuard, SchemeId } from '../schemes/scheme-catalogue';

class SchemeParam {
  @SchemeId() scheme!: string;
}

@ApiTags('payer')
@ApiBearerAuth()
@Controller('payer/:scheme')
@UseGuards(PublishedSchemeGuard)
export class PayerController {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  /** Scores forwarded to the payer: approved by the farmer, no open blocking finding. */
  @Get('forwarded-scores')
  @Roles('payer', 'regulator')
  forwarded(@Param() { scheme }: SchemeParam) {
    return this.readModels
      .list<FarmScoreDoc>('farm-scores', `${scheme}:`)
      .map((r) => r.doc)
      .filter((d) => d.forwarded)
      .map((d) => ({ farmId: d.farmId, year: d.year, scoreVersion: d.forwarded!.scoreVersion, totalCents: d.forwarded!.totalCents, forwardedAt: d.forwarded!.forwardedAt, normSet: d.normSet }));
  }
}
