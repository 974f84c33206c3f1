import type { JsonText } from './api-routes';

/**
 * A request body with one member as the person typed it (D82): the advanced JSON of a new norm set went
 * through JSON.parse and JSON.stringify in the browser, which keeps the last of a key typed twice in
 * silence, so the API's refusal of a key given twice (DUPLICATE_KEY, naming it) never saw what was
 * typed. The text must be one JSON object (checked here): spliced in, it cannot reach outside its member.
 */
export const bodyWithTypedJson = (fields: Readonly<Record<string, unknown>>, key: string, typed: string): JsonText => {
  const value: unknown = JSON.parse(typed);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${key} must be a JSON object`);
  const head = JSON.stringify(fields);
  return `${head.slice(0, -1)}${head === '{}' ? '' : ','}${JSON.stringify(key)}:${typed.trim()}}` as JsonText;
};
