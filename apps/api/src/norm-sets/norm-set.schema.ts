import type { ApiPropertyOptions } from '@nestjs/swagger';
import { json } from '../http/openapi';

/**
 * The value of one norm-set parameter, in the type the parameter holds: thresholds and rates as exact
 * decimal strings ("90"), counts as numbers, lists as arrays (an amendment's and a what-if draft's changes).
 */
export const parameterValueSchema: ApiPropertyOptions = {
  description: 'the new value in the type the parameter holds: thresholds and rates as exact decimal strings ("90"), counts as numbers, lists as arrays',
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object', additionalProperties: true }],
  example: '90',
};

/** A norm set's document (scheme or levy) as published and amended: its parameters are the norm set's own. */
export const normSetDocumentSchema = json.object({
  normSetId: json.string,
  version: json.number,
  kind: json.string,
  title: json.string,
  legalBasis: json.string,
  effectiveFrom: json.string,
  effectiveTo: json.string,
  // By name; the values are the norm set's own (numbers, decimal strings, lists, nested records): per kind, not one shape.
  parameters: { type: 'object', additionalProperties: true, description: "the norm set's parameters by name, each as the norm set defines it" },
  amendmentRules: json.map(json.anyObject),
}, ['normSetId', 'version', 'kind', 'title', 'legalBasis', 'effectiveFrom', 'parameters']);

/** A norm set as the catalogue lists it: what every page of GET /norm-sets holds per item. */
export const catalogueEntrySchema = json.object(
  {
    normSetId: json.string,
    kind: json.string,
    title: json.string,
    latestVersion: json.number,
    withdrawn: json.boolean,
    versions: json.array(json.object({ version: json.number, effectiveFrom: json.string, effectiveTo: json.nullable(json.string), recordedAt: json.string }, ['version', 'effectiveFrom', 'effectiveTo', 'recordedAt'])),
    // A scheme's calendar and budget; null for another kind.
    scheme: json.nullable(json.object({ scheme: json.string, years: json.array(json.number), applicationWindow: json.anyObject, budgetCeilingCents: json.number, advance: json.anyObject, settlement: json.anyObject }, ['scheme', 'years'])),
    levy: json.nullable(json.object({ levyId: json.string, indicators: json.array(json.string) }, ['levyId', 'indicators'])),
    indicatorsUsed: json.array(json.string),
    indicatorsDeclared: json.map(json.string),
    dataSourcesUsed: json.array(json.string),
    dataSourcesDeclared: json.array(json.string),
  },
  ['normSetId', 'kind', 'title', 'latestVersion', 'withdrawn', 'versions', 'scheme', 'levy'],
);
