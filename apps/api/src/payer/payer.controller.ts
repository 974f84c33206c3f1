import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { READ_MODEL_STORE, type FarmScoreDoc, type ReadModelStore } from '@asb/projections';
import { Roles } from '../auth/roles.decorator';
import { SCHEME_IDS } from '../schemes/scheme-catalogue';

class SchemeParam {
  @ApiProperty({ enum: SCHEME_IDS }) @IsIn(SCHEME_IDS) scheme!: string;
}

@ApiTags('payer')
@ApiBearerAuth()
@Controller('payer/:scheme')
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
