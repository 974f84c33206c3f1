import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { keepTransformMetadata } from './input/transform-metadata-cache';
import { cacheValidationMetadata } from './input/validation-metadata-cache';
import { keepValidationPlans } from './input/validation-plans';

/** Every offending field of a validation, with the path from the validated object (`parent.field`). */
export const flatten = (errors: ValidationError[], parent = ''): Array<{ field: string; problems: string[] }> =>
  errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });

/** What every body is held to: unknown fields refused, nothing converted implicitly. */
export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** Unknown fields are refused, types are checked, and the 400 names every offending field. */
export const validationPipe = (options: { plans: boolean; transformMetadata?: boolean } = { plans: true }) => {
  cacheValidationMetadata();
  // Process-wide once installed: VALIDATION_PLANS=off and TRANSFORM_METADATA_KEPT=off must be set for the process, not per application.
  if (options.plans) keepValidationPlans();
  if (options.transformMetadata ?? true) keepTransformMetadata();
  return new ValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({
        code: 'INVALID_INPUT',
        message: fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | '),
        field: fields[0]?.field,
        fields,
      });
    },
  });
};
