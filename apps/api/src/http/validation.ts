import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

const flatten = (errors: ValidationError[], parent = ''): Array<{ field: string; problems: string[] }> =>
  errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });

/** Unknown fields are refused, types are checked, and the 400 names every offending field. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
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
