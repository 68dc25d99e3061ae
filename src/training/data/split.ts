import type { WriterFiles } from './datasetReader';

/**
 * The fixed writer-independent split. Validation writers are never trained on; thresholds and
 * model selection use them only. Everything else in the named data sets is training data.
 */
export const VALIDATION_WRITERS: Record<string, (writer: string) => boolean> = {
  'cedar-dev': (w) => Number(w) >= 31 && Number(w) <= 40,
  'bhsig260-bengali': (w) => Number(w.replace(/^B/, '')) >= 86,
};

export function isValidationWriter(w: Pick<WriterFiles, 'dataset' | 'writer'>): boolean {
  return VALIDATION_WRITERS[w.dataset]?.(w.writer) ?? false;
}

export function splitWriters(writers: WriterFiles[]): { train: WriterFiles[]; validation: WriterFiles[] } {
  return {
    train: writers.filter((w) => !isValidationWriter(w)),
    validation: writers.filter((w) => isValidationWriter(w)),
  };
}
