import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { LandUseDto, PROVINCES, SOIL_TYPES } from './register-farm.dto';

export class CorrectFarmDetailsDto {
  @ApiPropertyOptional({ enum: PROVINCES }) @IsOptional() @IsIn(PROVINCES) province?: string;
  @ApiPropertyOptional({ type: LandUseDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => LandUseDto) landUse?: LandUseDto;
  @ApiPropertyOptional({ enum: SOIL_TYPES, isArray: true }) @IsOptional() @IsArray() @ArrayMaxSize(8) @IsIn(SOIL_TYPES, { each: true }) soilTypes?: string[];
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) peatSharePct?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100_000) livestockUnits?: number;
  @ApiProperty({ example: 'census 1 April' }) @IsString() @Length(3, 500) reason!: string;
}
