import * as tf from '@tensorflow/tfjs';
import { buildEmbeddingNet } from '../model/architecture';
import type { ModelConfig } from '../model/config';
import type { DistanceHead } from '../model/distanceHead';
import { embedPacked, finishEmbedding } from '../model/embed';
import { recalibrateBatchNorm } from './batchNormCalibration';
import type { Rng } from './data/random';
import { batchLoss, distillationLoss, proxyLoss, type HeadVars, type LossOptions } from './losses';

/** Head variables get per-network names: a pretraining and a training network share one tfjs engine. */
let networks = 0;

export type MetricKind = 'euclidean' | 'mahalanobis';

/** The trainable system: the shared embedding net plus the distance head's own parameters. */
export class Network {
  readonly model: tf.LayersModel;
  readonly head: HeadVars = {};
  readonly vars: tf.Variable[];
  /** How many of `vars` carry over to another phase: all but the proxies, which come last. */
  readonly carried: number;

  constructor(
    readonly cfg: ModelConfig,
    readonly loss: LossOptions,
    readonly metric: MetricKind,
    seed: number,
    /** Training writers, for the proxy term (loss.proxy): one genuine and one forgery proxy each. */
    writers = 0,
  ) {
    this.model = buildEmbeddingNet(cfg, seed);
    const d = cfg.embeddingDim;
    const tag = networks++;
    if (loss.kind === 'bce') {
      this.head.bceW = tf.variable(tf.fill([d, 1], -4 / Math.sqrt(d)), true, `head/bce_w_${tag}`);
      this.head.bceB = tf.variable(tf.scalar(2).reshape([1]), true, `head/bce_b_${tag}`);
    }
    if (metric === 'mahalanobis') this.head.mahalanobisL = tf.variable(tf.eye(d), true, `head/mahalanobis_L_${tag}`);
    if (loss.proxy && loss.proxy.weight > 0) {
      if (writers < 1) throw new Error('the proxy term needs the number of training writers');
      this.head.proxies = tf.variable(tf.randomNormal([2 * writers, d], 0, 1 / Math.sqrt(d), 'float32', seed + 7), true, `head/proxies_${tag}`);
    }
    const layerVars = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { proxies, ...rest } = this.head;
    this.vars = [...layerVars, ...Object.values(rest).filter((v): v is tf.Variable => !!v), ...(proxies ? [proxies] : [])];
    this.carried = this.vars.length - (proxies ? 1 : 0);
  }

  shapes(): number[][] {
    return this.vars.map((v) => v.shape);
  }

  getWeights(): Float32Array[] {
    return this.vars.map((v) => v.dataSync() as Float32Array).map((a) => a.slice());
  }

  /** The weights the next phase starts from (after pretraining): all but the proxies, which belong to this phase's writers. */
  carriedWeights(): Float32Array[] {
    return this.getWeights().slice(0, this.carried);
  }

  /** Starts from another phase's carriedWeights(); this network's proxies keep their initial values. */
  setCarriedWeights(ws: Float32Array[]): void {
    if (ws.length !== this.carried || ws.some((w, i) => w.length !== this.vars[i].size))
      throw new Error(`the starting weights do not fit this network (${ws.length} arrays for ${this.carried} variables): pretraining and training differ in --filters, --loss or --metric`);
    tf.tidy(() => ws.forEach((w, i) => this.vars[i].assign(tf.tensor(w, this.vars[i].shape))));
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
   * weight x distillationLoss; with the proxy term on, `classes` gives each image's proxy class
   * (proxyClass of its training writer).
   */
  gradients(
    images: Float32Array,
    writer: Int32Array,
    genuine: Uint8Array,
    rng: Rng,
    target?: { embeddings: Float32Array; weight: number },
    classes?: Int32Array,
  ): { loss: number; active: number; distill?: number; proxy?: number; grads: Float32Array[] } {
    const px = this.loss.proxy;
    if (this.head.proxies && !classes) throw new Error('the proxy term needs each image\'s class');
    this.seedDropout(rng.int(2 ** 31));
    const n = writer.length;
    const x = tf.tensor4d(images, [n, this.cfg.inputHeight, this.cfg.inputWidth, 1]);
    const T = target ? tf.tensor2d(target.embeddings, [n, target.embeddings.length / n]) : null;
    let active = 0;
    let distill: number | undefined;
    let proxy: number | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const E = finishEmbedding(this.model.apply(x, { training: true }) as tf.Tensor2D, this.cfg);
      const r = batchLoss(E, writer, genuine, this.loss, this.head, rng);
      active = r.active.dataSync()[0];
      let total: tf.Scalar = r.loss;
      if (T && target) {
        const dl = distillationLoss(E, T);
        distill = dl.dataSync()[0];
        total = tf.add(total, tf.mul(dl, target.weight));
      }
      if (this.head.proxies && px && classes) {
        const pl = proxyLoss(E, this.head.proxies as tf.Tensor2D, classes, px.scale, px.margin);
        proxy = pl.dataSync()[0];
        total = tf.add(total, tf.mul(pl, px.weight));
      }
      return total;
    }, this.vars);
    const loss = value.dataSync()[0];
    const out = this.vars.map((v) => grads[v.name].dataSync() as Float32Array).map((a) => a.slice());
    tf.dispose([x, value, ...Object.values(grads), ...(T ? [T] : [])]);
    return { loss, active, distill, proxy, grads: out };
  }

  /** Exact batch-norm statistics from clean (unaugmented) training images; call before inference. */
  recalibrate(images: Float32Array, n: number): void {
    recalibrateBatchNorm(this.model, images, n);
  }

  /** Embeddings (inference mode) of preprocessed rasters, [n*D] row-major. */
  embed(images: Float32Array, n: number, batch = 64): Float32Array {
    return embedPacked(this.model, this.cfg, images, n, batch);
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
