import { applyDecorators } from '@nestjs/common';
import { ApiHideProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';

/**
 * A body field that was renamed: refused, like any unknown field, with 400 naming it — and saying which
 * name to send instead (as D61's INDEX_PATH does), so a client outside this repository knows the fix.
 * Hidden from the OpenAPI document: nobody should send it.
 */
export const RenamedTo = (name: string, decision: string): PropertyDecorator =>
  applyDecorators(
    ApiHideProperty(),
    ValidateBy({
      name: 'renamedField',
      validator: {
        validate: (value: unknown) => value === undefined,
        defaultMessage: (args) => `${args?.property} is no longer accepted: send ${name} instead (${decision})`,
      },
    }),
  );
