import fc from 'fast-check';
import { duplicateKeyPath, keysInText, repeatsAKey } from './duplicate-keys';

const of = (text: string) => duplicateKeyPath(Buffer.from(text, 'utf8'));

describe('duplicateKeyPath', () => {
  it('names a key given twice in one object, at any depth, by its path', () => {
    expect(of('{"farmId":"a","farmId":"b"}')).toBe('farmId');
    expect(of('{"flows":[{"kind":"milk"},{"kind":"feed","kgProduct":1,"kgProduct":2}]}')).toBe('flows.1.kgProduct');
    expect(of('{"a":{"b":{"c":1,"c":1}}}')).toBe('a.b.c');
  });

  it('compares keys as JSON reads them: an escape spells the same key', () => {
    expect(of('{"farmId":"a","f\\u0061rmId":"b"}')).toBe('farmId');
    expect(of('{"\\"":1,"\\u0022":2}')).toBe('"');
  });

  it('takes the same key in sibling objects, and keys that only look alike, as different', () => {
    expect(of('{"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":2}]}')).toBeNull();
    expect(of('{"farmId":"a","farmİd":"b","farm\\\\Id":1}')).toBeNull();
    // Quotes, brackets and commas inside strings are text, not structure.
    expect(of('{"a":"x\\",\\"a\\":1","b":"{[,","c\\\\":"\\\\"}')).toBeNull();
  });

  it('ends on a text cut inside a string (never parsed, but never a loop either)', () => {
    expect(of('{"a":1,"b":"unterminated')).toBeNull();
    expect(keysInText(Buffer.from('{"a":1,"b'))).toBe(1);
    expect(keysInText(Buffer.from('{"a":"x\\"'))).toBe(1);
  });

  it('finds nothing in any JSON text of distinct keys, and always the key repeated into one', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'medium' }), fc.string({ minLength: 1, maxLength: 8 }), (text, key) => {
        expect(of(text)).toBeNull();
        const value = JSON.parse(text) as unknown;
        const body = `{${JSON.stringify(key)}:${text},${JSON.stringify(key)}:1}`;
        expect(value === undefined || of(body) === key).toBe(true);
      }),
      { numRuns: 500, seed: 20261130 },
    );
  });
});

describe('repeatsAKey', () => {
  it('agrees with duplicateKeyPath on any JSON text, with or without a repeated key', () => {
    const repeated = fc.tuple(fc.json({ depthSize: 'small' }), fc.string({ maxLength: 6 }), fc.boolean()).map(([text, key, twice]) => `{${JSON.stringify(key)}:${text}${twice ? `,${JSON.stringify(key)}:{"a":":"}` : ''}}`);
    fc.assert(
      fc.property(fc.oneof(fc.json(), repeated), (text) => {
        const bytes = Buffer.from(text, 'utf8');
        expect(repeatsAKey(bytes, JSON.parse(text))).toBe(duplicateKeyPath(bytes) !== null);
      }),
      { numRuns: 1000, seed: 1130 },
    );
  });
});
