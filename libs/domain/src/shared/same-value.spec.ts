import { sameValue } from './same-value';

describe('sameValue', () => {
  it('compares JSON values structurally, whatever the key order', () => {
    expect(sameValue({ a: 1, b: [1, { c: 'x', d: true }] }, { b: [1, { d: true, c: 'x' }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(true);
  });
  it('tells different values apart', () => {
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue('1', 1)).toBe(false);
  });
});
