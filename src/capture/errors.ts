export type CaptureErrorCode =
  | 'empty-file'
  | 'not-image'
  | 'unsupported-format'
  | 'corrupt'
  | 'too-large'
  | 'file-too-big'
  | 'read-failed'
  | 'blank-pad';

/** An input the app cannot turn into pixels, with a message a teller can act on. */
export class CaptureError extends Error {
  readonly code: CaptureErrorCode;
  constructor(code: CaptureErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CaptureError';
    this.code = code;
  }
}
