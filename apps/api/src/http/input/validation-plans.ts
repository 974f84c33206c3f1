import { ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * class-validator splits a class's rules anew for every object it validates: grouped by property, then
 * filtered twice per property in `execute` and three times more in `performValidations` — five arrays and
 * their closures per property, per object, per request. For a submission that was most of the request
 * thread's garbage (class-validator was 57 % of its allocations, D79), and garbage is what makes the young
 * generation fill and the collector pause. The rules of a class are fixed once it is defined (the lookup is
 * kept per class already, `cacheValidationMetadata`), so these splits are kept with the arrays they come from.
 * The executor's own steps run unchanged, in the same order, on the same arrays' contents: same errors, same
 * messages (`validation-plans.spec.ts` compares them with the library's own path).
 */
type Executor = {
  validatorOptions?: { whitelist?: boolean; forbidUnknownValues?: boolean; groups?: string[]; strictGroups?: boolean; always?: boolean; enableDebugMessages?: boolean };
  metadataStorage: { getTargetValidationMetadatas: (...args: unknown[]) => ValidationMetadata[]; groupByPropertyName: (m: ValidationMetadata[]) => Record<string, ValidationMetadata[]> };
  awaitingPromises: Promise<unknown>[];
  whitelist: (object: object, grouped: Record<string, ValidationMetadata[]>, errors: unknown[]) => void;
  conditionalValidations: (object: object, value: unknown, metadatas: ValidationMetadata[]) => boolean;
  customValidations: (object: object, value: unknown, metadatas: ValidationMetadata[], error: unknown) => void;
  nestedValidations: (value: unknown, metadatas: ValidationMetadata[], error: unknown) => void;
  mapContexts: (object: object, value: unknown, metadatas: ValidationMetadata[], error: unknown) => void;
  generateValidationError: (object: object, value: unknown, property: string) => { children: unknown[] };
  execute: (object: object, targetSchema: string | undefined, errors: unknown[]) => void;
  performValidations: (object: object, value: unknown, property: string, defined: ValidationMetadata[], metadatas: ValidationMetadata[], errors: unknown[]) => void;
};

/** A property's rules as `execute` splits them: the IS_DEFINED ones, and the rest but whitelist markers. */
type PropertyPlan = Readonly<{ property: string; defined: ValidationMetadata[]; metadatas: ValidationMetadata[]; awaits: boolean }>;
/** What `performValidations` splits off a property's rules. */
type RulePlan = Readonly<{ custom: ValidationMetadata[]; nested: ValidationMetadata[]; conditional: ValidationMetadata[] }>;

// Not exported by the package's index; the same module its `validate` uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const libraryExecutor = require('class-validator/cjs/validation/ValidationExecutor').ValidationExecutor as { prototype: object };

/**
 * The release whose executor these plans follow step by step (`validation-plans.spec.ts` compares them with
 * it). Another release may have other steps: it keeps its own code, untouched, until the plans are checked
 * against it and this is moved on.
 */
export const PLANNED_FOR_VERSION = '0.14.2';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const installedVersion = (require('class-validator/package.json') as { version: string }).version;

const grouped = new WeakMap<ValidationMetadata[], { byProperty: Record<string, ValidationMetadata[]>; properties: PropertyPlan[] }>();
const rules = new WeakMap<ValidationMetadata[], RulePlan>();

const groupOf = (storage: Executor['metadataStorage'], targetMetadatas: ValidationMetadata[]) => {
  let plan = grouped.get(targetMetadatas);
  if (!plan) {
    const byProperty = storage.groupByPropertyName(targetMetadatas);
    const properties = Object.keys(byProperty).map((property) => {
      const all = byProperty[property];
      const metadatas = all.filter((m) => m.type !== ValidationTypes.IS_DEFINED && m.type !== ValidationTypes.WHITELIST);
      return { property, defined: all.filter((m) => m.type === ValidationTypes.IS_DEFINED), metadatas, awaits: metadatas.some((m) => m.type === ValidationTypes.PROMISE_VALIDATION) };
    });
    grouped.set(targetMetadatas, (plan = { byProperty, properties }));
  }
  return plan;
};

const rulesOf = (metadatas: ValidationMetadata[]): RulePlan => {
  let plan = rules.get(metadatas);
  if (!plan) {
    plan = {
      custom: metadatas.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION),
      nested: metadatas.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION),
      conditional: metadatas.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION),
    };
    rules.set(metadatas, plan);
  }
  return plan;
};

/**
 * Installs the kept splits on class-validator's executor (once per process; idempotent; only on the release
 * they follow — answers whether they are installed). Only the
 * options this API validates with take the kept path (`skip*Properties` unset, no debug messages);
 * anything else runs the library's own code.
 */
export const keepValidationPlans = (executorPrototype: object = libraryExecutor.prototype, version: string = installedVersion): boolean => {
  const proto = executorPrototype as Executor & { asbPlans?: true };
  if (proto.asbPlans) return true;
  if (version !== PLANNED_FOR_VERSION) return false;
  const execute = proto.execute;
  const performValidations = proto.performValidations;
  proto.execute = function (this: Executor, object, targetSchema, validationErrors) {
    const options = this.validatorOptions as Record<string, unknown> | undefined;
    if (!options || options.enableDebugMessages || options.forbidUnknownValues === false || options.skipUndefinedProperties || options.skipNullProperties || options.skipMissingProperties) {
      return execute.call(this, object, targetSchema, validationErrors);
    }
    const targetMetadatas = this.metadataStorage.getTargetValidationMetadatas(object.constructor, targetSchema, options.always || false, options.strictGroups || false, options.groups);
    // No rules at all (an unknown value): the library's own error.
    if (!targetMetadatas.length) return execute.call(this, object, targetSchema, validationErrors);
    const plan = groupOf(this.metadataStorage, targetMetadatas);
    if (options.whitelist) this.whitelist(object, plan.byProperty, validationErrors);
    for (const { property, defined, metadatas, awaits } of plan.properties) {
      const value = (object as Record<string, unknown>)[property];
      if (value instanceof Promise && awaits) {
        this.awaitingPromises.push(value.then((resolved) => this.performValidations(object, resolved, property, defined, metadatas, validationErrors)));
      } else {
        this.performValidations(object, value, property, defined, metadatas, validationErrors);
      }
    }
  };
  proto.performValidations = function (this: Executor, object, value, propertyName, definedMetadatas, metadatas, validationErrors) {
    const options = this.validatorOptions as Record<string, unknown> | undefined;
    if (!options || options.skipUndefinedProperties || options.skipNullProperties || options.skipMissingProperties) {
      return performValidations.call(this, object, value, propertyName, definedMetadatas, metadatas, validationErrors);
    }
    const { custom, nested, conditional } = rulesOf(metadatas);
    const validationError = this.generateValidationError(object, value, propertyName);
    validationErrors.push(validationError);
    if (conditional.length && !this.conditionalValidations(object, value, conditional)) return;
    this.customValidations(object, value, definedMetadatas, validationError);
    this.mapContexts(object, value, definedMetadatas, validationError);
    this.customValidations(object, value, custom, validationError);
    this.nestedValidations(value, nested, validationError);
    this.mapContexts(object, value, metadatas, validationError);
    this.mapContexts(object, value, custom, validationError);
  };
  proto.asbPlans = true;
  return true;
};
