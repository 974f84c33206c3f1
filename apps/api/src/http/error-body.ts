/**
 * The one error shape every refusal answers with, whichever layer refuses: body parsing, the
 * token check, validation, the domain, or the router.
 */
export type ErrorBody = Readonly<{
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  fields?: ReadonlyArray<{ field: string; problems: string[] }>;
}>;

export const errorBody = (statusCode: number, code: string, message: string, field?: string): ErrorBody => ({
  statusCode,
  code,
  message,
  ...(field ? { field } : {}),
});
