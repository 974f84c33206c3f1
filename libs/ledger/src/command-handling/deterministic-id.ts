import { createHash } from 'node:crypto';

/**
 * A UUID derived from a name: the n-th event of a command gets the same id on every retry of
 * that command, so the store's idempotent append turns a retry into a no-op.
 */
export const deterministicUuid = (name: string): string => {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
