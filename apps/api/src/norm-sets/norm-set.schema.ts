import { json } from '../http/openapi';

/** A norm set's document (scheme or levy) as published and amended: its parameters are the norm set's own. */
export const normSetDocumentSchema = json.object({
  normSetId: json.string,
  version: json.number,
  kind: json.string,
  title: json.string,
  legalBasis: json.string,
  effectiveFrom: json.string,
  effectiveTo: json.string,
  parameters: json.map(json.anyObject),
  amendmentRules: json.map(json.anyObject),
});
