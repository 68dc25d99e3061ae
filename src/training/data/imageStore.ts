import { preprocess, toGreyPixels, type PixelImage, type PreprocessVersion } from '../../preprocessing';
import { decodeImageFile } from './decodeNode';
import type { WriterFiles } from './datasetReader';

/** A writer's decoded images, kept as 8-bit grey (small enough to hold every training image). */
export interface WriterImages {
  id: string;
  genuine: PixelImage[];
  forged: PixelImage[];
}

export function loadWriterImages(writers: WriterFiles[], onProgress?: (done: number, total: number) => void): WriterImages[] {
  const total = writers.reduce((n, w) => n + w.genuine.length + w.forged.length, 0);
  let done = 0;
  const load = (p: string) => {
    const img = toGreyPixels(decodeImageFile(p));
    if (++done % 500 === 0) onProgress?.(done, total);
    return img;
  };
  return writers.map((w) => ({ id: w.id, genuine: w.genuine.map(load), forged: w.forged.map(load) }));
}

/**
 * Like loadWriterImages, but an image that cannot be decoded or preprocessed (a damaged file, a
 * blank scan) is left out and reported through `onSkip` with its path and the reason, instead of
 * stopping the run: evaluation of someone else's data set goes on without it.
 */
export function loadUsableWriterImages(
  writers: WriterFiles[],
  version: PreprocessVersion | undefined,
  onSkip: (path: string, reason: string) => void,
): WriterImages[] {
  const usable = (paths: string[]) =>
    paths.flatMap((p) => {
      try {
        const img = toGreyPixels(decodeImageFile(p));
        preprocess(img, { version });
        return [img];
      } catch (err) {
        onSkip(p, err instanceof Error ? err.message : String(err));
        return [];
      }
    });
  return writers.map((w) => ({ id: w.id, genuine: usable(w.genuine), forged: usable(w.forged) }));
}

/** Preprocessed rasters (no augmentation) of one writer, for evaluation. */
export interface WriterRasters {
  id: string;
  genuine: Float32Array[];
  forged: Float32Array[];
}

/** `penWidth`: pen matching (preprocess's option), for cross-domain evaluation. */
export function preprocessWriters(writers: WriterImages[], version?: PreprocessVersion, penWidth?: number): WriterRasters[] {
  return writers.map((w) => ({
    id: w.id,
    genuine: w.genuine.map((g) => preprocess(g, { version, penWidth }).data),
    forged: w.forged.map((f) => preprocess(f, { version, penWidth }).data),
  }));
}
