import { answerValidator } from './openapi-answers';

/** The judge of the surface suite's answers must itself fail on a drift, or it proves nothing. */
describe('answerValidator: an answer judged by its own OpenAPI document', () => {
  const doc = {
    components: { schemas: { Ref: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'number' } }, required: ['id'] } } },
    paths: {
      '/things/{id}': {
        get: {
          responses: {
            '200': {
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { count: { type: 'number' }, ref: { nullable: true, allOf: [{ $ref: '#/components/schemas/Ref' }] }, at: { type: 'string', nullable: true } } },
                },
              },
            },
          },
        },
      },
    },
  };
  const judge = answerValidator(doc);
  const json = 'application/json; charset=utf-8';

  it('passes an answer that matches, a nullable $ref as null or as the object, and anything not JSON', () => {
    expect(judge('/things/{id}', 'GET', 200, json, { count: 3, ref: { id: 'a', version: 1 }, at: null })).toEqual([]);
    expect(judge('/things/{id}', 'GET', 200, json, { count: 3, ref: null })).toEqual([]);
    expect(judge('/things/{id}', 'GET', 200, 'text/csv', 'not,json')).toEqual([]);
  });

  it('names each mismatch with where it is, through a $ref too', () => {
    expect(judge('/things/{id}', 'GET', 200, json, { count: '3', ref: { version: 1 } })).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/count must be number/),
      expect.stringMatching(/^\/ref must have required property 'id'/),
    ]));
  });

  it('refuses a JSON answer for which the document declares no schema', () => {
    expect(judge('/things/{id}', 'GET', 201, json, {})).toEqual([expect.stringContaining('declares no JSON schema')]);
  });
});
