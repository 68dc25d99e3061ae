import * as tf from '@tensorflow/tfjs';
import type { ModelCard } from '../../src/model/modelCard';
import { embedBatch, toInputBatch } from '../../src/model/embed';
import { preprocess, type PixelImage, type PreprocessVersion } from '../../src/preprocessing';
import type { WriterEmbeddings } from '../../src/training/evaluation/protocol';

type Card = Pick<ModelCard, 'architecture' | 'preprocessing'>;

/** Embeds model-input rasters in batches of 64 on the current backend: one embedding per raster. */
export function embedRasters(model: tf.LayersModel, card: Card, rasters: Float32Array[]): Float32Array[] {
  const out: Float32Array[] = [];
  for (let s = 0; s < rasters.length; s += 64) {
    const x = toInputBatch(rasters.slice(s, s + 64), card.architecture);
    const e = embedBatch(model, x, card.architecture);
    out.push(...(e.arraySync() as number[][]).map((r) => Float32Array.from(r)));
    tf.dispose([x, e]);
  }
  return out;
}

/** The card's preprocessing, then embedRasters. */
export function embedImages(model: tf.LayersModel, card: Card, images: PixelImage[]): Float32Array[] {
  return embedRasters(model, card, images.map((g) => preprocess(g, { version: card.preprocessing.version as PreprocessVersion }).data));
}

/** Each writer's genuine signatures and forgeries embedded (embedImages), in the protocol's shape. */
export function embedWriters(model: tf.LayersModel, card: Card, writers: { id: string; genuine: PixelImage[]; forged: PixelImage[] }[]): WriterEmbeddings[] {
  return writers.map((w) => ({ id: w.id, genuine: embedImages(model, card, w.genuine), forged: embedImages(model, card, w.forged) }));
}
