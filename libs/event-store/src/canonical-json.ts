import canonicalizeImpl from 'canonicalize';

/** RFC 8785 (JCS) canonical JSON: the same value always gives the same bytes. */
export const canonicalJson = (value: unknown): string => {
  const text = canonicalizeImpl(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
};
