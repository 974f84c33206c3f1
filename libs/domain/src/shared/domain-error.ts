/**
 * A refusal by the domain. Tests assert on `code`; the HTTP layer maps `kind` to a status
 * and names `field` when the refusal is about one input field.
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not_found' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const refuse = (code: string, message: string, kind: DomainErrorKind = 'conflict', field?: string): never => {
  throw new DomainError(code, message, kind, field);
};
