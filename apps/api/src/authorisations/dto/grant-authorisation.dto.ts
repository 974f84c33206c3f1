import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsISO8601, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { DATA_SOURCE_PATTERN } from '@asb/domain';

/** An authorisation's id as the farmer chooses it when granting; the revoke path takes the same. */
export const AUTHORISATION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/;

export class GranteeDto {
  @ApiProperty({ example: 'wur' }) @IsString() @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/) id!: string;
  @ApiProperty({ enum: ['calculator', 'data_source', 'payer', 'norm_authority'] }) @IsIn(['calculator', 'data_source', 'payer', 'norm_authority']) role!: 'calculator' | 'data_source' | 'payer' | 'norm_authority';
}

export class GrantAuthorisationDto {
  @ApiProperty({ example: 'machtiging-wur-2025' }) @IsString() @Matches(AUTHORISATION_ID_PATTERN) authorisationId!: string;
  @ApiProperty({ type: GranteeDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => GranteeDto) grantee!: GranteeDto;
  @ApiProperty({ type: [String], example: ['klw'], description: 'data sources a published catalogue declares (`GET /norm-sets`)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @Matches(DATA_SOURCE_PATTERN, { each: true })
  sources!: string[];
  @ApiProperty({ example: 'scheme:drenthe-2025' }) @IsString() @Length(3, 200) purpose!: string;
  @ApiProperty({ example: '2025-08-12T00:00:00Z' }) @IsISO8601({ strict: true }) validFrom!: string;
  @ApiProperty({ example: '2027-12-31T00:00:00Z' }) @IsISO8601({ strict: true }) validTo!: string;
}

export class RevokeAuthorisationDto {
  @ApiProperty({ example: 'changed calculator' }) @IsString() @Length(3, 500) reason!: string;
}
