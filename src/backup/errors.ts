export type BackupErrorCode = 'not-json' | 'foreign' | 'too-new' | 'checksum' | 'invalid' | 'too-large' | 'conflict';

/** A backup file that cannot be used; nothing was changed when one is thrown. */
export class BackupError extends Error {
  readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, message: string) {
    super(message);
    this.name = 'BackupError';
    this.code = code;
  }
}
