import { preprocess, toGreyPixels, type PixelImage, type PreprocessVersion } from '../../preprocessing';
import { decodeImageFile } from './decodeNode';
import type { WriterFiles } from './datasetReader';

/** A writer's decoded images, kept as 8-bit grey (small enough to hold every training image). */
export interface WriterImages {
  id: string;
  genuine: PixelImage[];
  forged: PixelImage[];
}

/** A data set image as training and evaluation keep it: decoded, then 8-bit grey. */
const decodeGrey = (path: string) => toGreyPixels(decodeImageFile(path));

export function loadWriterImages(writers: WriterFiles[], onProgress?: (done: number, total: number) => void): WriterImages[] {
  const total = writers.reduce((n, w) => n + w.genuine.length + w.forged.length, 0);
  let done = 0;
  const load = (p: string) => {
    const img = decodeGrey(p);
    if (++done % 500 === 0) onProgress?.(done, total);
    return img;
  };
  return writers.map((w) => ({ id: w.id, genuine: w.genuine.map(load), forged: w.forged.map(load) }));
}

/**
 * Decoded images and their preprocessed rasters in one pass, for evaluating someone else's data
 * set: an image that cannot be decoded or preprocessed (a damaged file, a blank scan) is left out
 * and reported through `onSkip` with its path and the reason, instead of stopping the run.
 */
export function loadUsableWriters(
  writers: WriterFiles[],
  version: PreprocessVersion | undefined,
  onSkip: (path: string, reason: string) => void,
): { images: WriterImages[]; rasters: WriterRasters[] } {
  const usable = (paths: string[]) => {
    const images: PixelImage[] = [];
    const rasters: Float32Array[] = [];
    for (const p of paths) {
      try {
        const img = decodeGrey(p);
        rasters.push(preprocess(img, { version }).data);
        images.push(img);
      } catch (err) {
        onSkip(p, err instanceof Error ? err.message : String(err));
      }
    }
    return { images, rasters };
  };
  const loaded = writers.map((w) => ({ id: w.id, genuine: usable(w.genuine), forged: usable(w.forged) }));
  return {
    images: loaded.map((w) => ({ id: w.id, genuine: w.genuine.images, forged: w.forged.images })),
    rasters: loaded.map((w) => ({ id: w.id, genuine: w.genuine.rasters, forged: w.forged.rasters })),
  };
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
