import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsNumber, IsObject, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { FARM_ID_PATTERN } from '@asb/domain';

export const PROVINCES = ['Drenthe', 'Friesland', 'Groningen', 'Overijssel', 'Gelderland', 'Utrecht', 'Noord-Holland', 'Zuid-Holland', 'Zeeland', 'Noord-Brabant', 'Limburg', 'Flevoland'] as const;
export const SOIL_TYPES = ['sand', 'clay', 'peat', 'loess', 'southern-sand', 'northern-sand', 'western-sand', 'central-sand'] as const;

export class LandUseDto {
  @ApiProperty({ example: 40 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100_000) grasslandHa!: number;
  @ApiProperty({ example: 10 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100_000) maizeHa!: number;
  @ApiProperty({ example: 0 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100_000) arableHa!: number;
}

export class RegisterFarmDto {
  @ApiProperty({ example: 'nl-drenthe-0001', pattern: FARM_ID_PATTERN.source })
  @IsString()
  @Matches(FARM_ID_PATTERN, { message: 'farmId must be 2-63 lower-case letters, digits or dashes' })
  farmId!: string;

  @ApiProperty({ enum: PROVINCES }) @IsIn(PROVINCES) province!: string;

  @ApiProperty({ type: LandUseDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LandUseDto) landUse!: LandUseDto;

  @ApiProperty({ enum: SOIL_TYPES, isArray: true }) @IsArray() @ArrayMaxSize(8) @IsIn(SOIL_TYPES, { each: true }) soilTypes!: string[];

  @ApiProperty({ example: 0, minimum: 0, maximum: 100 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) peatSharePct!: number;

  @ApiProperty({ example: 120 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100_000) livestockUnits!: number;
}
