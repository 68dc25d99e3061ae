import { PreprocessError, preprocess, toGrey, type PixelImage, type PreprocessResult, type PreprocessVersion } from '../preprocessing';
import { augment, greyToPixels, type AugmentOptions } from './augment';
import type { WriterImages } from './data/imageStore';
import type { Rng } from './data/random';
import { proxyClass } from './pairs';

/** The model input a batch is made for: raster size and preprocessing version (see preprocess()). */
export interface InputSpec {
  height: number;
  width: number;
  version?: PreprocessVersion;
}

/**
 * A training batch: P writers, each with K genuine and F skilled forgeries. `writer` numbers
 * writers within the batch; `genuine` marks genuine images. A forgery of writer w is a negative
 * for w's genuine signatures (the hardest kind), and so is anything by another writer.
 */
export interface TrainBatch {
  images: Float32Array; // [B, H, W] concatenated
  writer: Int32Array;
  genuine: Uint8Array;
  /** Each image's proxy class (proxyClass of its writer's index in the training pool). */
  classes: Int32Array;
  size: number;
}

export interface BatchShape {
  writers: number;
  genuine: number;
  forged: number;
  /** Take the batch's writers from each data set in turn (ids "<dataset>/<writer>"), not uniformly by writer. */
  balanceDatasets?: boolean;
}

/** P writers: uniformly, or in turn from each data set so a large (synthetic) set cannot crowd out the others. */
export function chooseWriters(eligible: WriterImages[], shape: BatchShape, rng: Rng): WriterImages[] {
  if (!shape.balanceDatasets) return rng.sample(eligible, shape.writers);
  const groups = new Map<string, WriterImages[]>();
  for (const w of eligible) {
    const d = w.id.split('/')[0];
    const g = groups.get(d);
    if (g) g.push(w);
    else groups.set(d, [w]);
  }
  // One data set (e.g. the synthetic pretraining set): nothing to balance, so sample exactly as
  // without the flag, and a run with it repeats the same pretraining as one without.
  if (groups.size < 2) return rng.sample(eligible, shape.writers);
  const shuffled = [...groups.values()].map((g) => rng.sample(g, g.length));
  const start = rng.int(shuffled.length);
  const out: WriterImages[] = [];
  for (let i = 0; out.length < Math.min(shape.writers, eligible.length); i++) {
    const g = shuffled[(start + i) % shuffled.length];
    const next = g.shift();
    if (next) out.push(next);
  }
  return out;
}

/** One image drawn for a batch: its writer's index in the batch and in the pool, and whether it is genuine. */
export interface BatchItem {
  img: PixelImage;
  writerId: string;
  w: number;
  c: number;
  g: boolean;
}

/** The batch's writers and images (P writers, K genuine and F forgeries each), in the order they are augmented. */
export function drawBatchItems(pool: WriterImages[], shape: BatchShape, rng: Rng): BatchItem[] {
  const eligible = pool.filter((w) => w.genuine.length >= 2);
  const writers = chooseWriters(eligible, shape, rng);
  const poolIndex = new Map(pool.map((w, i) => [w, i]));
  const items: BatchItem[] = [];
  writers.forEach((w, wi) => {
    const c = poolIndex.get(w)!;
    for (const img of rng.sample(w.genuine, shape.genuine)) items.push({ img, writerId: w.id, w: wi, c, g: true });
    for (const img of rng.sample(w.forged, shape.forged)) items.push({ img, writerId: w.id, w: wi, c, g: false });
  });
  return items;
}

export function sampleBatch(
  pool: WriterImages[],
  shape: BatchShape,
  rng: Rng,
  inputSize: InputSpec,
  aug: AugmentOptions | null,
): TrainBatch {
  const items = drawBatchItems(pool, shape, rng);
  const hw = inputSize.height * inputSize.width;
  const images = new Float32Array(items.length * hw);
  const writer = new Int32Array(items.length);
  const genuine = new Uint8Array(items.length);
  const classes = new Int32Array(items.length);
  items.forEach((it, i) => {
    images.set(augmentedInput(it.img, rng, inputSize, aug).data, i * hw);
    writer[i] = it.w;
    genuine[i] = it.g ? 1 : 0;
    classes[i] = proxyClass(it.c, it.g);
  });
  return { images, writer, genuine, classes, size: items.length };
}

/** Preprocessing of an augmented image; an augmentation that erased the ink falls back to the original. */
export function augmentedInput(img: PixelImage, rng: Rng, size: InputSpec, aug: AugmentOptions | null): PreprocessResult {
  if (aug) {
    try {
      return preprocess(greyToPixels(augment(toGrey(img), rng, aug)), size);
    } catch (e) {
      if (!(e instanceof PreprocessError)) throw e;
    }
  }
  return preprocess(img, size);
}
