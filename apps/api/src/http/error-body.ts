import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The one error shape every refusal answers with, whichever layer refuses: body parsing, the
 * token check, validation, the domain, or the router.
 */
export type ErrorBody = Readonly<{
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  fields?: ReadonlyArray<{ field: string; problems: string[] }>;
}>;

export const errorBody = (statusCode: number, code: string, message: string, field?: string): ErrorBody => ({
  statusCode,
  code,
  message,
  ...(field ? { field } : {}),
});

class FieldProblems {
  @ApiProperty({ example: 'indicators.0.value' }) field!: string;
  @ApiProperty({ type: [String], example: ['value must be a number'] }) problems!: string[];
}

/** ErrorBody as the OpenAPI document shows it: the schema every 4xx/5xx response of every operation names. */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ description: 'the HTTP status, repeated', example: 404 }) statusCode!: number;
  @ApiProperty({ description: 'what went wrong, for programs: upper-case, stable', example: 'FARM_NOT_FOUND' }) code!: string;
  @ApiProperty({ description: 'what went wrong, for people', example: 'farm nl-drenthe-9999 is not registered' }) message!: string;
  @ApiPropertyOptional({ description: 'the input at fault: a body path, a parameter or a header', example: 'farmId' }) field?: string;
  @ApiPropertyOptional({ type: [FieldProblems], description: 'every field at fault, when validation found more than one' }) fields?: FieldProblems[];
}
