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
});
