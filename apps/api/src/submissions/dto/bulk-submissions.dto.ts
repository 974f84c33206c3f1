import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsString, Matches, Max, Min } from 'class-validator';
import { FARM_ID_PATTERN } from '@asb/domain';
import { SubmitBalanceDataDto } from './submit-balance-data.dto';

/** At most this many farms' data in one bulk request (a KLW submission is about 1 KB; bodies take 256 KB). */
export const BULK_MAX_ITEMS = 200;

/** One farm-year's submission in a bulk request: the path parameters of the single request, then its body. */
export class BulkSubmissionItemDto extends SubmitBalanceDataDto {
  @ApiProperty({ example: 'nl-drenthe-0001' }) @IsString() @Matches(FARM_ID_PATTERN, { message: 'farmId must be 2-63 lower-case letters, digits or dashes' }) farmId!: string;
  @ApiProperty({ example: 2025 }) @IsInt() @Min(2000) @Max(2100) year!: number;
}

/**
 * Items are checked one by one (each its own result), so the list itself is checked only for its
 * shape here; the OpenAPI document still describes each item fully.
 */
export class BulkSubmissionsDto {
  @ApiProperty({ type: [BulkSubmissionItemDto], minItems: 1, maxItems: BULK_MAX_ITEMS, description: `1–${BULK_MAX_ITEMS} submissions, each for one farm-year` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX_ITEMS)
  @IsObject({ each: true, message: 'each item must be an object' })
  items!: object[];
}

export class BulkEventDto {
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() position!: number;
}

export class BulkItemResultDto {
  @ApiProperty({ description: 'the item’s place in the request, from 0' }) index!: number;
  @ApiProperty({ enum: ['accepted', 'refused'] }) status!: 'accepted' | 'refused';
  @ApiPropertyOptional() farmId?: string;
  @ApiPropertyOptional() year?: number;
  @ApiPropertyOptional() submissionId?: string;
  @ApiPropertyOptional({ type: [BulkEventDto], description: 'accepted: the events recorded (a retry: those recorded the first time)' }) events?: BulkEventDto[];
  @ApiPropertyOptional({ description: 'accepted: true when this item had been recorded by an earlier request with the same key' }) replayed?: boolean;
  @ApiPropertyOptional({ description: 'refused: the HTTP status the single request would have answered' }) statusCode?: number;
  @ApiPropertyOptional({ description: 'refused: the error code, as a single request would answer it' }) code?: string;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional({ description: 'refused: the offending field, from the request body (`items.3.flows.0.kgProduct`)' }) field?: string;
}

export class BulkSubmissionsResultDto {
  @ApiPropertyOptional({ description: 'refused as a whole (no item recorded): the first refused item’s status' }) statusCode?: number;
  @ApiPropertyOptional({ description: 'refused as a whole: the first refused item’s code' }) code?: string;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional({ description: 'refused as a whole: the first refused item’s field' }) field?: string;
  @ApiProperty() accepted!: number;
  @ApiProperty() refused!: number;
  @ApiProperty({ type: [BulkItemResultDto] }) items!: BulkItemResultDto[];
}
