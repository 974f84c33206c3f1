import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { mutations, samples } from '../../../../../test/support/body-variants';
import { VALIDATION_OPTIONS } from '../validation';
import { cacheValidationMetadata } from './validation-metadata-cache';
import { keepValidationPlans, PLANNED_FOR_VERSION } from './validation-plans';

/** What a refusal is made of: every error's property, constraints, contexts, value and children, in order. */
const shape = (errors: ValidationError[]): unknown =>
  errors.map((e) => ({ property: e.property, constraints: e.constraints, contexts: e.contexts, value: JSON.stringify(e.value), children: e.children ? shape(e.children) : undefined }));

const validateAll = async () => {
  const results: unknown[] = [];
  for (const [, dto, body] of samples) {
    for (const variant of [body, ...mutations(body)]) {
      const instance = plainToInstance(dto, variant, { enableImplicitConversion: false });
      if (instance === null || typeof instance !== 'object') continue;
      results.push(shape(await validate(instance as object, { ...VALIDATION_OPTIONS })));
    }
  }
  return results;
};

describe('validation plans: class-validator with its rule splits kept per class (D79)', () => {
  it('refuses exactly what the library refuses, with the same errors in the same order, for valid bodies and thousands of one-change variants', async () => {
    cacheValidationMetadata();
    const library = await validateAll();
    expect(keepValidationPlans()).toBe(true);
    const kept = await validateAll();
    expect(library.length).toBeGreaterThan(1_000);
    expect(library.filter((r) => (r as unknown[]).length === 0).length).toBeGreaterThanOrEqual(samples.length); // the valid bodies pass
    expect(library.filter((r) => (r as unknown[]).length > 0).length).toBeGreaterThan(500); // and hundreds of variants are refused
    expect(kept).toEqual(library);
  });

  it('leaves another release of class-validator its own code: the plans follow one release step by step', () => {
    const proto = { execute() {}, performValidations() {} };
    const { execute, performValidations } = proto;
    expect(keepValidationPlans(proto, '0.15.0')).toBe(false);
    expect(proto.execute).toBe(execute);
    expect(proto.performValidations).toBe(performValidations);
    expect(keepValidationPlans(proto, PLANNED_FOR_VERSION)).toBe(true);
    expect(proto.execute).not.toBe(execute);
  });
});
