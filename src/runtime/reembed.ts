import type { SignatureStore } from '../storage';
import { dequantiseRaster } from './raster';

export interface ReembedProgress {
  done: number;
  total: number;
  /** References that cannot be re-embedded (older preprocessing): left as they are. */
  skipped: number;
}

export interface ReembedTarget {
  modelId: string;
  modelVersion: string;
  /** The model's preprocessing: references stored with another one cannot be re-embedded. */
  preprocessVersion: string;
  embed(rasters: readonly Float32Array[]): Promise<Float32Array[]>;
}

/**
 * Re-embeds every reference not made by the target model from its stored raster, in batches.
 * Each batch is saved in its own transaction (all of the batch or none) and tags the references
 * with the new model version, so closing the page halfway loses nothing: the next run finds
 * only the references still to do and carries on.
 */
export async function reembedStale(
  store: SignatureStore,
  target: ReembedTarget,
  opts: { batchSize?: number; onProgress?: (p: ReembedProgress) => void; signal?: AbortSignal } = {},
): Promise<ReembedProgress> {
  const batchSize = opts.batchSize ?? 16;
  const ids = await store.staleReferenceIds(target.modelId, target.modelVersion);
  const progress: ReembedProgress = { done: 0, total: ids.length, skipped: 0 };
  opts.onProgress?.({ ...progress });
  for (let i = 0; i < ids.length; i += batchSize) {
    if (opts.signal?.aborted) break;
    const refs = await store.getReferences(ids.slice(i, i + batchSize));
    const usable = refs.filter((r) => r.preprocessVersion === target.preprocessVersion);
    progress.skipped += refs.length - usable.length;
    if (usable.length) {
      const emb = await target.embed(usable.map((r) => dequantiseRaster(r.image)));
      await store.updateEmbeddings(
        usable.map((r, j) => ({ id: r.id, embedding: emb[j], modelId: target.modelId, modelVersion: target.modelVersion })),
        { skipMissing: true },
      );
    }
    progress.done = Math.min(ids.length, i + batchSize);
    opts.onProgress?.({ ...progress });
  }
  return progress;
}
