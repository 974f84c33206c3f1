import { ApiProperty } from '@nestjs/swagger';
import { YearDigits } from './input/decimal-integer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { FARM_ID_PATTERN } from '@asb/domain';
import { AUTHORISATION_ID_PATTERN } from '../authorisations/dto/grant-authorisation.dto';

export class FarmIdParam {
  @ApiProperty() @IsString() @Matches(FARM_ID_PATTERN, { message: 'farmId must be 2-63 lower-case letters, digits or dashes' }) farmId!: string;
}

export class AuthorisationParams extends FarmIdParam {
  @ApiProperty({ example: 'machtiging-wur' }) @IsString() @Matches(AUTHORISATION_ID_PATTERN, { message: 'authorisationId must be 2-63 letters, digits or dashes' }) authorisationId!: string;
}

export class FarmYearParams extends FarmIdParam {
  @ApiProperty({ example: 2025 }) @YearDigits() @IsInt() @Min(2000) @Max(2100) year!: number;
}

export class AsOfQuery {
  @ApiProperty({ required: false, description: 'ISO instant: what was known then' }) @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}
