export type AppErrorCode =
  | 'no-references'
  | 'no-customer'
  | 'stale-preprocessing'
  | 'model-load'
  | 'model-mismatch'
  | 'backend'
  | 'not-ready'
  | 'too-few-images'
  | 'device-lost'
  | 'invalid-input'
  | 'database';

/** A workflow problem with a message for the teller. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}
