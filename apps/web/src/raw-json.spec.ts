import { bodyWithTypedJson } from './raw-json';

describe('bodyWithTypedJson', () => {
  it('keeps the typed text as typed, a key typed twice included, so the API sees and refuses it', () => {
    const body = bodyWithTypedJson({ normSetId: 'x', version: 1 }, 'parameters', ' {"rate": 1, "rate": 2}\n');
    expect(body).toBe('{"normSetId":"x","version":1,"parameters":{"rate": 1, "rate": 2}}');
    expect(JSON.parse(body)).toEqual({ normSetId: 'x', version: 1, parameters: { rate: 2 } });
    expect(bodyWithTypedJson({}, 'parameters', '{}')).toBe('{"parameters":{}}');
  });

  it('takes one JSON object only: text that would reach outside its member, or another value, is refused', () => {
    expect(() => bodyWithTypedJson({ a: 1 }, 'parameters', '{"b":1},"normSetId":"other"')).toThrow();
    expect(() => bodyWithTypedJson({ a: 1 }, 'parameters', '[1]')).toThrow('parameters must be a JSON object');
    expect(() => bodyWithTypedJson({ a: 1 }, 'parameters', 'null')).toThrow('parameters must be a JSON object');
  });
});
