import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { demoFarm, klwSubmission, processorSubmission } from '../../demo/demo-fixtures';
import { RegisterFarmDto } from '../../farms/dto/register-farm.dto';
import { BulkSubmissionsDto } from '../../submissions/dto/bulk-submissions.dto';
import { SubmitBalanceDataDto } from '../../submissions/dto/submit-balance-data.dto';
import { VALIDATION_OPTIONS } from '../validation';
import { cacheValidationMetadata } from './validation-metadata-cache';
import { keepValidationPlans, PLANNED_FOR_VERSION } from './validation-plans';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every body one change away from a valid one: each field removed, or given another kind of value, and an unknown field at each level. */
const mutations = (body: Json): Json[] => {
  const out: Json[] = [];
  const visit = (node: Json, rebuild: (replacement: Json | undefined) => Json) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        for (const other of [undefined, null, 'x', -1, 1.5, {}, [], true]) out.push(rebuild(node.map((v, j) => (j === i ? other : v)).filter((v) => v !== undefined) as Json[]));
        visit(item, (r) => rebuild(node.map((v, j) => (j === i ? r : v)).filter((v) => v !== undefined) as Json[]));
      });
      return;
    }
    out.push(rebuild({ ...node, unexpected: 1 }));
    for (const key of Object.keys(node)) {
      const without = (r: Json | undefined) => {
        const copy = { ...node } as Record<string, Json>;
        if (r === undefined) delete copy[key];
        else copy[key] = r;
        return copy;
      };
      for (const other of [undefined, null, 'x', '', -1, 0, 1.5, 1e300, {}, [], [1], true]) out.push(rebuild(without(other)));
      visit(node[key], (r) => rebuild(without(r)));
    }
  };
  visit(body, (r) => r ?? null);
  return out;
};

/** What a refusal is made of: every error's property, constraints, contexts, value and children, in order. */
const shape = (errors: ValidationError[]): unknown =>
  errors.map((e) => ({ property: e.property, constraints: e.constraints, contexts: e.contexts, value: JSON.stringify(e.value), children: e.children ? shape(e.children) : undefined }));

const samples: Array<[string, new () => object, Json]> = [
  ['a KLW submission', SubmitBalanceDataDto, klwSubmission('s-1', 900_000, 300_000) as unknown as Json],
  ['a processor submission', SubmitBalanceDataDto, processorSubmission('s-2', 900_000) as unknown as Json],
  ['a farm registration', RegisterFarmDto, demoFarm() as unknown as Json],
  ['a bulk intake', BulkSubmissionsDto, { items: [{ farmId: 'nl-drenthe-0001', year: 2025, ...klwSubmission('s-3', 1, 2) }, { farmId: 'nl-drenthe-0002', year: 2025, ...processorSubmission('s-4', 5) }] } as unknown as Json],
];

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
