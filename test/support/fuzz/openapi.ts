/** Just enough of an OpenAPI 3 document to walk its write operations. */
export type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
};
export type Operation = {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  'x-asb-roles'?: string[];
  'x-asb-public'?: boolean;
};
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

export type WriteOperation = Readonly<{ method: 'post' | 'patch'; path: string; pathParams: string[]; roles: string[]; body: Schema | null }>;

export const writeOperations = (doc: OpenApiDocument): WriteOperation[] =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    (['post', 'patch'] as const)
      .filter((method) => ops[method])
      .map((method) => {
        const op = ops[method]!;
        return {
          method,
          path,
          pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          roles: op['x-asb-roles'] ?? [],
          body: op.requestBody?.content?.['application/json']?.schema ?? null,
        };
      }),
  );

/** Follows $ref and merges allOf, so a generator sees one object schema. */
export const resolve = (doc: OpenApiDocument, schema: Schema): Schema => {
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  if (schema.allOf) return schema.allOf.map((s) => resolve(doc, s)).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties }, required: [...(a.required ?? []), ...(b.required ?? [])] }), {});
  return schema;
};
