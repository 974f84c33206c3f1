import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>>; components?: object };

/**
 * Judges an answer of the API by its own OpenAPI document (issue 16): the JSON body of a success must
 * match the schema the document declares for that operation and status, with ajv, `$ref`s resolved in
 * the document's components. Answers in other content types (CSV, HTML, a bundle) are not JSON to judge.
 */
export const answerValidator = (doc: Doc) => {
  // OpenAPI 3.0 schemas: `nullable` and `example` are its keywords, not JSON Schema's; formats are checked.
  const ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: asJsonSchema(doc.components ?? {}) });
  const compiled = new Map<string, ValidateFunction | null>();
  const validatorOf = (path: string, method: string, status: number): ValidateFunction | null => {
    const key = `${method} ${path} ${status}`;
    if (!compiled.has(key)) {
      const schema = doc.paths[path]?.[method]?.responses?.[String(status)]?.content?.['application/json']?.schema;
      // `#/components/…` of the document: the schema is compiled as a part of it.
      compiled.set(key, schema ? ajv.compile(JSON.parse(JSON.stringify(asJsonSchema(schema)).replace(/"#\/components\//g, '"openapi#/components/'))) : null);
    }
    return compiled.get(key)!;
  };
  /** What is wrong with this answer by the document: nothing, or each mismatch with where it is. */
  return (path: string, method: string, status: number, contentType: string | undefined, body: unknown): string[] => {
    if (!/^application\/json/.test(contentType ?? '')) return [];
    const validate = validatorOf(path, method.toLowerCase(), status);
    if (!validate) return [`${method} ${path} answered ${status} in JSON, and the document declares no JSON schema for it`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
  };
};

/**
 * OpenAPI 3.0's `nullable` on a schema without a `type` (what @nestjs/swagger writes for a nullable
 * `$ref`: `{ nullable: true, allOf: [{ $ref }] }`) means "this, or null"; ajv takes `nullable` only beside
 * a `type`, so it is said in JSON Schema's words.
 */
const asJsonSchema = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(asJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, asJsonSchema(v)]));
  if (entries.nullable !== true || 'type' in entries) return entries;
  const { nullable: _nullable, ...rest } = entries;
  return { anyOf: [rest, { type: 'null' }] };
};
