export type PreprocessErrorCode = 'blank' | 'too-much-ink' | 'too-small' | 'too-large';

/** A signature image the verifier cannot use, with a message a teller can act on. */
export class PreprocessError extends Error {
  readonly code: PreprocessErrorCode;
  constructor(code: PreprocessErrorCode, message: string) {
    super(message);
    this.name = 'PreprocessError';
    this.code = code;
  }
}
