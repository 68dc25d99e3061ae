export type StorageErrorCode =
  | 'duplicate-customer'
  | 'unknown-customer'
  | 'invalid-customer'
  | 'too-many-references'
  | 'invalid-reference'
  | 'quota-exceeded'
  | 'unavailable'
  | 'failed';

/** A storage problem with a message a teller can act on. Nothing was written when one is thrown. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

function errorName(err: unknown): string {
  if (err && typeof err === 'object' && 'name' in err) return String((err as { name: unknown }).name);
  return '';
}

/** Maps IndexedDB / DOMException failures to StorageError with a clear message. */
export function toStorageError(err: unknown, action: string): StorageError {
  if (err instanceof StorageError) return err;
  const name = errorName(err);
  const detail = err instanceof Error ? err.message : String(err);
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) {
    return new StorageError(
      'quota-exceeded',
      `Could not ${action}: the browser's storage quota for this site is used up. Nothing was saved. Remove customers you no longer need, or allow this site more storage, then try again.`,
      { cause: err },
    );
  }
  if (name === 'InvalidStateError' || name === 'UnknownError' || name === 'VersionError' || name === 'SecurityError') {
    return new StorageError(
      'unavailable',
      `Could not ${action}: the browser's local database is not available (${name}${detail ? `: ${detail}` : ''}). Close other tabs of this app and reload; private windows may block storage.`,
      { cause: err },
    );
  }
  return new StorageError('failed', `Could not ${action}: ${detail || name || 'unknown storage error'}. Nothing was changed.`, { cause: err });
}
