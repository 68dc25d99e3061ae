import { BackupError } from '../backup/errors';
import { CaptureError } from '../capture/errors';
import { PreprocessError } from '../preprocessing';
import { AppError } from '../runtime/errors';
import { InputBatchError } from '../runtime/service';
import { StorageError } from '../storage/errors';

/** Lines to show for an error: our own errors verbatim, anything else marked unexpected. */
export function errorLines(err: unknown): string[] {
  if (err instanceof InputBatchError) return err.messages;
  if (err instanceof CaptureError || err instanceof PreprocessError || err instanceof StorageError || err instanceof AppError || err instanceof BackupError) return [err.message];
  if (err instanceof RangeError && /^[A-Z]/.test(err.message)) return [err.message];
  const msg = err instanceof Error ? err.message : String(err);
  return [`Unexpected error: ${msg || 'unknown'}. Nothing was saved; please try again.`];
}
