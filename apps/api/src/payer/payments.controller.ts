import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@asb/event-store';
import { FarmScoresQuery, SchemeApplicationsQuery } from '@asb/projections';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { cursorPage, CursorPageQuery, decodeCursor } from '../http/cursor-page';
import { PublishedSchemeGuard, SchemeId } from '../schemes/scheme-catalogue';
import { forwardedScore, payerApplication, paymentBatchCsv, paymentsOf } from './payment-batch';
import { ApiDoc } from '../http/openapi';
import { asAttachment } from '../http/attachment';

class SchemeParam {
  @SchemeId() scheme!: string;
}

class NormSetRef {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
}
class ForwardedScoreItem {
  @ApiProperty({ example: 'nl-drenthe-0001' }) farmId!: string;
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty() scoreVersion!: number;
  @ApiProperty({ description: 'euro cents' }) totalCents!: number;
  @ApiProperty() forwardedAt!: string;
  @ApiProperty({ type: NormSetRef, nullable: true }) normSet!: NormSetRef | null;
}
class ForwardedScorePage {
  @ApiProperty({ type: [ForwardedScoreItem] }) items!: ForwardedScoreItem[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}
class SettlementItem {
  @ApiProperty() settlementNo!: number;
  @ApiProperty() settledAt!: string;
  @ApiProperty({ description: 'euro cents earned over the scheme years' }) earnedCents!: number;
  @ApiProperty({ description: 'euro cents; positive paid to the farm, negative repaid by it' }) netPaymentCents!: number;
}
class ClosureItem {
  @ApiProperty() reason!: string;
  @ApiProperty() closedAt!: string;
}
class PayerApplicationItem {
  @ApiProperty() farmId!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty({ enum: ['submitted', 'complete', 'withdrawn', 'closed'] }) status!: string;
  @ApiProperty({ description: 'euro cents reserved by the allocation (0 before it, or when refused)' }) reservedCents!: number;
  @ApiProperty({ type: String, nullable: true }) refusal!: string | null;
  @ApiProperty({ description: 'euro cents' }) advanceCents!: number;
  @ApiProperty({ description: 'euro cents' }) advanceReclaimedCents!: number;
  @ApiProperty({ type: [SettlementItem] }) settlements!: SettlementItem[];
  @ApiProperty({ description: 'euro cents of the reservation released' }) releasedCents!: number;
  @ApiProperty({ type: ClosureItem, nullable: true }) closure!: ClosureItem | null;
}
class PayerApplicationPage {
  @ApiProperty({ type: [PayerApplicationItem] }) items!: PayerApplicationItem[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

/**
 * The payer's lists (D54): forwarded scores and applications a page at a time, and the payment
 * batch as CSV — amounts in integer euro cents, the column says so; the web application formats
 * them as euros.
 */
@ApiTags('payer')
@ApiBearerAuth()
@Controller('payer/:scheme')
@UseGuards(PublishedSchemeGuard)
@Roles('payer', 'regulator')
export class PaymentsController {
  constructor(
    private readonly scores: FarmScoresQuery,
    private readonly applicationsRead: SchemeApplicationsQuery,
    private readonly access: FarmAccessService,
  ) {}

  @Get('forwarded')
  @ApiDoc({ summary: 'Scores forwarded to the payer, by farm and year, a page at a time (cursor pagination)', response: ForwardedScorePage, errors: [400, 401, 403, 404] })
  async forwarded(@Param() { scheme }: SchemeParam, @Query() { cursor, limit = 20 }: CursorPageQuery, @CurrentActor() actor: Actor) {
    const page = await this.scores.forwardedOfScheme(scheme, { after: decodeCursor(cursor), limit });
    // Each farm on the page is shown its money: a read of each (D64).
    await this.access.recordReads(actor, page.items.map((f) => ({ farmId: f.farmId })), { resource: 'payments', scheme });
    return cursorPage(page, forwardedScore);
  }

  @Get('applications')
  @ApiDoc({ summary: 'Per farm the money of the scheme — reserved, advanced, reclaimed, settled — a page at a time (cursor pagination)', response: PayerApplicationPage, errors: [400, 401, 403, 404] })
  async applications(@Param() { scheme }: SchemeParam, @Query() { cursor, limit = 20 }: CursorPageQuery, @CurrentActor() actor: Actor) {
    const page = await this.applicationsRead.pageOfScheme(scheme, { after: decodeCursor(cursor), limit });
    await this.access.recordReads(actor, page.items.map((f) => ({ farmId: f.farmId })), { resource: 'payments', scheme });
    return cursorPage(page, payerApplication);
  }

  @Get('payment-batch.csv')
  @ApiDoc({
    summary: 'The payment batch of the scheme as CSV: every advance, reclaim and settlement, amounts in integer euro cents (column amount_eur_cents)',
    response: { type: 'string', description: 'header farm_id,application_id,payment,reference,amount_eur_cents,recorded_at' },
    produces: 'text/csv',
    errors: [400, 401, 403, 404],
  })
  async paymentBatch(@Param() { scheme }: SchemeParam, @Res({ passthrough: true }) response: Response, @CurrentActor() actor: Actor): Promise<string> {
    // The whole batch: a batch is handed over whole, and each farm in it is read (D64).
    const payments = (await this.applicationsRead.ofScheme(scheme)).flatMap((a) => (a ? paymentsOf(a) : []));
    await this.access.recordReads(actor, payments.map((f) => ({ farmId: f.farmId })), { resource: 'payments', scheme });
    const csv = paymentBatchCsv(payments);
    response.type('text/csv; charset=utf-8');
    asAttachment(response, `betaalbatch-${scheme}.csv`);
    return csv;
  }
}
