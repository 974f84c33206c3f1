import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
  IsObject,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
  type ValidationArguments,
} from 'class-validator';
import { DATA_SOURCE_PATTERN, FARM_ID_PATTERN, INDICATOR_KEY_PATTERN, INPUT_FLOW_KINDS, MODEL_PATTERN, MODEL_VERSION_PATTERN, OUTPUT_FLOW_KINDS, isIndicatorKeyFormat, ownValue, QUALITY_CLASSES, SHIPPED_INDICATOR_VOCABULARY } from '@asb/domain';
import { LandUseDto } from '../../farms/dto/register-farm.dto';

const finite = { allowNaN: false, allowInfinity: false } as const;
const FLOW_KINDS = [...INPUT_FLOW_KINDS, ...OUTPUT_FLOW_KINDS];

export class FlowDto {
  @ApiProperty({ enum: FLOW_KINDS }) @IsIn(FLOW_KINDS) kind!: (typeof FLOW_KINDS)[number];
  @ApiProperty({ description: 'kg of product' }) @IsNumber(finite) @Min(0) @Max(1e10) kgProduct!: number;
  @ApiPropertyOptional({ description: 'g N per kg product' }) @IsOptional() @IsNumber(finite) @Min(0) @Max(1000) nContentGPerKg?: number;
  @ApiPropertyOptional({ description: 'g P2O5 per kg product' }) @IsOptional() @IsNumber(finite) @Min(0) @Max(1000) p2o5ContentGPerKg?: number;
  @ApiPropertyOptional({ description: 'kg N (instead of a content)' }) @IsOptional() @IsNumber(finite) @Min(0) @Max(1e9) nKg?: number;
  @ApiPropertyOptional({ description: 'kg P2O5 (instead of a content)' }) @IsOptional() @IsNumber(finite) @Min(0) @Max(1e9) p2o5Kg?: number;
  @ApiPropertyOptional({ description: 'milk only' }) @IsOptional() @IsNumber(finite) @Min(0) @Max(20) proteinPct?: number;
  @ApiPropertyOptional({ description: 'milk only' }) @IsOptional() @IsNumber(finite) @Min(0) @Max(20) fatPct?: number;
  @ApiPropertyOptional({ description: 'manure only: the other farm' }) @IsOptional() @IsString() @Matches(FARM_ID_PATTERN) counterpartyFarmId?: string;
  @ApiProperty({ enum: QUALITY_CLASSES }) @IsIn(QUALITY_CLASSES) quality!: (typeof QUALITY_CLASSES)[number];
}

/**
 * An indicator's value: true or false, or a finite number (at most 1e6 either way). The shipped
 * catalogue's keys are held to their type here; any other key's type is the one its published
 * catalogue declares, checked by the handler (D40).
 */
@ValidatorConstraint({ name: 'indicatorValue' })
export class IndicatorValueConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const shipped = ownValue(SHIPPED_INDICATOR_VOCABULARY, String((args.object as IndicatorDto).key));
    const number = typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 1e6;
    if (shipped === 'boolean') return typeof value === 'boolean';
    if (shipped === 'number') return number;
    return number || typeof value === 'boolean';
  }
  defaultMessage(args: ValidationArguments): string {
    const key = String((args.object as IndicatorDto).key);
    return ownValue(SHIPPED_INDICATOR_VOCABULARY, key) === 'boolean' ? `${key} takes true or false` : `${key} takes a finite number`;
  }
}

/** The format of an indicator key (camelCase, one optional dotted part, no reserved word). */
@ValidatorConstraint({ name: 'indicatorKey' })
export class IndicatorKeyConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isIndicatorKeyFormat(value);
  }
  defaultMessage(): string {
    return 'key must be an indicator key (camelCase, one optional dotted part) that a published indicator catalogue declares';
  }
}

export class IndicatorDto {
  @ApiProperty({ pattern: INDICATOR_KEY_PATTERN.source, example: 'nFarmSurplusKgHa', description: 'an indicator a published indicator catalogue declares (`GET /norm-sets/asb-indicators`)' })
  @IsString()
  @Validate(IndicatorKeyConstraint)
  key!: string;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'boolean' }] })
  @Validate(IndicatorValueConstraint)
  value!: number | boolean;
  @ApiProperty({ enum: QUALITY_CLASSES }) @IsIn(QUALITY_CLASSES) quality!: (typeof QUALITY_CLASSES)[number];
}

export class StockChangeDto {
  @ApiProperty() @IsNumber(finite) @Min(-1e9) @Max(1e9) nKg!: number;
  @ApiProperty() @IsNumber(finite) @Min(-1e9) @Max(1e9) p2o5Kg!: number;
}

export class BalanceDataDto {
  @ApiProperty({ pattern: DATA_SOURCE_PATTERN.source, example: 'klw', description: 'a data source a published catalogue declares (`GET /norm-sets`)' }) @IsString() @Matches(DATA_SOURCE_PATTERN) source!: string;
  @ApiProperty({ example: 'KLW-2025-000123' }) @IsString() @Length(1, 120) @Matches(/^[\w.:/-]+$/) sourceDocumentId!: string;
  @ApiPropertyOptional({ description: 'the scheme this submission is for; the year must be one of its years', example: 'drenthe-2025' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{2,64}$/)
  scheme?: string;
  @ApiPropertyOptional({ type: [FlowDto] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => FlowDto) flows?: FlowDto[];
  @ApiPropertyOptional({ type: StockChangeDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => StockChangeDto) stockChange?: StockChangeDto;
  @ApiPropertyOptional({ type: [IndicatorDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => IndicatorDto) indicators?: IndicatorDto[];
  @ApiPropertyOptional({ type: LandUseDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => LandUseDto) landUse?: LandUseDto;
  @ApiPropertyOptional({
    example: 'KringloopWijzer',
    pattern: MODEL_PATTERN.source,
    description: 'the model that computed the figures (D45); required with modelVersion when any figure is `calculated`; `none` (or left out) when no model computed them',
  })
  @IsOptional()
  @IsString()
  @Matches(MODEL_PATTERN)
  model?: string;
  @ApiPropertyOptional({ example: '2025.01', pattern: MODEL_VERSION_PATTERN.source, description: 'the version of that model, as its source prints it (D45)' })
  @IsOptional()
  @IsString()
  @Matches(MODEL_VERSION_PATTERN)
  modelVersion?: string;
}

export class SubmitBalanceDataDto extends BalanceDataDto {
  @ApiProperty({ example: 'klw-2025-1' }) @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/) submissionId!: string;
}

export class CorrectBalanceDataDto extends SubmitBalanceDataDto {
  @ApiProperty({ example: 'milk kg corrected after the processor statement' }) @IsString() @Length(3, 500) reason!: string;
}

export class WithdrawBalanceDataDto {
  @ApiProperty() @IsString() @Length(3, 500) reason!: string;
}
