import * as tf from '@tensorflow/tfjs';
import { buildEmbeddingNet } from '../model/architecture';
import type { ModelConfig } from '../model/config';
import type { DistanceHead } from '../model/distanceHead';
import { finishEmbedding } from '../model/embed';
import { recalibrateBatchNorm } from './batchNormCalibration';
import type { Rng } from './data/random';
import { batchLoss, distillationLoss, type HeadVars, type LossOptions } from './losses';

export type MetricKind = 'euclidean' | 'mahalanobis';

/** The trainable system: the shared embedding net plus the distance head's own parameters. */
export class Network {
  readonly model: tf.LayersModel;
  readonly head: HeadVars = {};
  readonly vars: tf.Variable[];

  constructor(
    readonly cfg: ModelConfig,
    readonly loss: LossOptions,
    readonly metric: MetricKind,
    seed: number,
  ) {
    this.model = buildEmbeddingNet(cfg, seed);
    const d = cfg.embeddingDim;
    if (loss.kind === 'bce') {
      this.head.bceW = tf.variable(tf.fill([d, 1], -4 / Math.sqrt(d)), true, 'head/bce_w');
      this.head.bceB = tf.variable(tf.scalar(2).reshape([1]), true, 'head/bce_b');
    }
    if (metric === 'mahalanobis') this.head.mahalanobisL = tf.variable(tf.eye(d), true, 'head/mahalanobis_L');
    const layerVars = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.vars = [...layerVars, ...Object.values(this.head).filter((v): v is tf.Variable => !!v)];
  }

  shapes(): number[][] {
    return this.vars.map((v) => v.shape);
  }

  getWeights(): Float32Array[] {
    return this.vars.map((v) => v.dataSync() as Float32Array).map((a) => a.slice());
  }

  setWeights(ws: Float32Array[]): void {
    if (ws.length !== this.vars.length) throw new Error(`expected ${this.vars.length} weight arrays, got ${ws.length}`);
    tf.tidy(() => this.vars.forEach((v, i) => v.assign(tf.tensor(ws[i], v.shape))));
  }

  /**
   * Seeds the dropout masks of the next training forward pass. tfjs draws an unseeded mask from
   * Math.random, which made runs with the same seed differ; a fixed layer seed would repeat one
   * mask every step, so each step sets its own.
   */
  private seedDropout(seed: number): void {
    for (const layer of this.model.layers) if (layer.getClassName() === 'Dropout') (layer as unknown as { seed?: number }).seed = seed;
  }

  /**
   * Loss and gradients for one batch, in variable order; `rng` seeds dropout and mining, so a step
   * repeats exactly. With `target` (a teacher's embeddings of the same images, [n*D]) the loss adds
   * weight x distillationLoss.
   */
  gradients(
    images: Float32Array,
    writer: Int32Array,
    genuine: Uint8Array,
    rng: Rng,
    target?: { embeddings: Float32Array; weight: number },
  ): { loss: number; active: number; distill?: number; grads: Float32Array[] } {
    this.seedDropout(rng.int(2 ** 31));
    const n = writer.length;
    const x = tf.tensor4d(images, [n, this.cfg.inputHeight, this.cfg.inputWidth, 1]);
    const T = target ? tf.tensor2d(target.embeddings, [n, target.embeddings.length / n]) : null;
    let active = 0;
    let distill: number | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const E = finishEmbedding(this.model.apply(x, { training: true }) as tf.Tensor2D, this.cfg);
      const r = batchLoss(E, writer, genuine, this.loss, this.head, rng);
      active = r.active.dataSync()[0];
      if (!T || !target) return r.loss;
      const dl = distillationLoss(E, T);
      distill = dl.dataSync()[0];
      return tf.add(r.loss, tf.mul(dl, target.weight)) as tf.Scalar;
    }, this.vars);
    const loss = value.dataSync()[0];
    const out = this.vars.map((v) => grads[v.name].dataSync() as Float32Array).map((a) => a.slice());
    tf.dispose([x, value, ...Object.values(grads), ...(T ? [T] : [])]);
    return { loss, active, distill, grads: out };
  }

  /** Exact batch-norm statistics from clean (unaugmented) training images; call before inference. */
  recalibrate(images: Float32Array, n: number): void {
    recalibrateBatchNorm(this.model, images, n);
  }

  /** Embeddings (inference mode) of preprocessed rasters, [n*D] row-major. */
  embed(images: Float32Array, n: number, batch = 64): Float32Array {
    const d = this.cfg.embeddingDim;
    const hw = this.cfg.inputHeight * this.cfg.inputWidth;
    const out = new Float32Array(n * d);
    for (let s = 0; s < n; s += batch) {
      const m = Math.min(batch, n - s);
      const e = tf.tidy(() => {
        const x = tf.tensor4d(images.subarray(s * hw, (s + m) * hw), [m, this.cfg.inputHeight, this.cfg.inputWidth, 1]);
        return finishEmbedding(this.model.predict(x) as tf.Tensor2D, this.cfg);
      });
      out.set(e.dataSync(), s * d);
      e.dispose();
    }
    return out;
  }

  /** The distance head to export with the model. */
  distanceHead(): DistanceHead {
    if (this.head.bceW && this.head.bceB) return { kind: 'bce', w: Array.from(this.head.bceW.dataSync()), b: this.head.bceB.dataSync()[0] };
    if (this.head.mahalanobisL) {
      const d = this.cfg.embeddingDim;
      const L = this.head.mahalanobisL.dataSync();
      return { kind: 'mahalanobis', L: Array.from({ length: d }, (_, i) => Array.from(L.subarray(i * d, (i + 1) * d))) };
    }
    return { kind: 'euclidean' };
  }
}
