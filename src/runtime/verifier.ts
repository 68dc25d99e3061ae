import * as tf from '@tensorflow/tfjs';
import { pairwiseDistances } from '../model/distanceHead';
import { embedBatch, toInputBatch } from '../model/embed';
import type { ModelCard } from '../model/modelCard';

/** Embeddings per predict call. */
const BATCH = 8;

/**
 * The model on the active backend: embeddings and distances. Every tensor is disposed before a
 * method returns; results are plain arrays.
 */
export class Verifier {
  constructor(
    readonly model: tf.LayersModel,
    readonly card: ModelCard,
  ) {}

  get dim(): number {
    return this.card.architecture.embeddingDim;
  }

  /** Embeds preprocessed rasters (INPUT_HEIGHT x INPUT_WIDTH each). */
  async embed(rasters: readonly Float32Array[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < rasters.length; i += BATCH) {
      const chunk = rasters.slice(i, i + BATCH);
      const x = toInputBatch(chunk as Float32Array[], this.card.architecture);
      let e: tf.Tensor2D | undefined;
      try {
        e = embedBatch(this.model, x, this.card.architecture);
        const d = e.shape[1];
        const flat = (await e.data()) as Float32Array;
        for (let j = 0; j < chunk.length; j++) out.push(flat.slice(j * d, (j + 1) * d));
      } finally {
        x.dispose();
        e?.dispose();
      }
    }
    return out;
  }

  /** Distances between every embedding of `a` and every embedding of `b` (rows: a). */
  async distances(a: readonly Float32Array[], b: readonly Float32Array[]): Promise<number[][]> {
    if (a.length === 0 || b.length === 0) return a.map(() => []);
    const ta = stack(a);
    const tb = stack(b);
    let d: tf.Tensor2D | undefined;
    try {
      d = pairwiseDistances(this.card.distanceHead, ta, tb);
      return (await d.array()) as number[][];
    } finally {
      ta.dispose();
      tb.dispose();
      d?.dispose();
    }
  }

  /** Runs the whole graph once so kernels/shaders compile before the first real request. */
  async warmUp(): Promise<void> {
    const { inputHeight, inputWidth } = this.card.architecture;
    const blank = new Float32Array(inputHeight * inputWidth);
    for (let i = 0; i < blank.length; i += 7) blank[i] = 1;
    const [e] = await this.embed([blank]);
    await this.distances([e], [e, e]);
  }
}

function stack(rows: readonly Float32Array[]): tf.Tensor2D {
  const d = rows[0].length;
  const buf = new Float32Array(rows.length * d);
  rows.forEach((r, i) => {
    if (r.length !== d) throw new RangeError(`embedding ${i} has ${r.length} values, expected ${d}`);
    buf.set(r, i * d);
  });
  return tf.tensor2d(buf, [rows.length, d]);
}
