import type { ModelConfig } from '../model/config';
import type { AugmentOptions } from './augment';
import { preprocess, type PixelImage, type PreprocessVersion } from '../preprocessing';
import type { BatchShape, InputSpec } from './batch';
import { loadCheckpoint, saveCheckpoint, type CheckpointMeta } from './checkpoint';
import type { WriterImages, WriterRasters } from './data/imageStore';
import { Rng } from './data/random';
import type { LossOptions } from './losses';
import { Network, type MetricKind } from './network';
import { Optimizers } from './optimizers';
import { recipeDifferences, trainingRecipe } from './recipe';
import { WorkerPool } from './parallel/workerPool';
import { flattenRasters, regroup, validationEer } from './validation';
import type { TeacherOptions } from './teacher';
import { WeightAverage } from './weightAverage';

export interface TrainOptions {
  cfg: ModelConfig;
  loss: LossOptions;
  metric: MetricKind;
  steps: number;
  lr: number;
  batch: BatchShape;
  workers: number;
  seed: number;
  evalEvery: number;
  checkpointDir: string;
  checkpointSeconds: number;
  augment: AugmentOptions | null;
  /** The preprocessing the model is trained with (and must be used with). */
  preprocessVersion: PreprocessVersion;
  args: Record<string, unknown>;
  /** Starting weights: carriedWeights() of a pretraining (e.g. on synthetic writers); a checkpoint overrides them. */
  initWeights?: Float32Array[];
  /**
   * Weight averaging: from this step on, the weights after every step join a running mean, which
   * is evaluated beside the current weights and becomes the result (no selection by validation).
   */
  averageFrom?: number;
  /** Distillation: the student also learns to reproduce this exported model's embeddings. */
  teacher?: TeacherOptions;
}

export interface TrainResult {
  net: Network;
  meta: CheckpointMeta;
}

/** Cosine decay with a short linear warm-up. */
export function learningRate(step: number, total: number, base: number, warmup = 50): number {
  if (step < warmup) return (base * (step + 1)) / warmup;
  const t = (step - warmup) / Math.max(1, total - warmup);
  return base * (0.02 + 0.98 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t))));
}

/**
 * Seconds left, from the pace of the steps run in this process (a resumed run's earlier steps
 * ran at another time and do not count).
 */
export function etaSeconds(step: number, startStep: number, totalSteps: number, secondsSinceStart: number): number {
  const done = step - startStep;
  if (done <= 0 || secondsSinceStart <= 0) return NaN;
  return ((totalSteps - step) * secondsSinceStart) / done;
}

export function fmtTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return '-';
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

type ValEers = { skilled: number; random: number }[];
const meanOf = (r: ValEers, k: 'skilled' | 'random') => r.reduce((s, x) => s + x[k], 0) / r.length;
/** Skilled/random EER per validation set, e.g. "10.0%/2.6% 12.9%/6.4%". */
const formatEers = (r: ValEers) => r.map((x) => `${(100 * x.skilled).toFixed(1)}%/${(100 * x.random).toFixed(1)}%`).join(' ');

/**
 * Data-parallel training: each worker computes the gradient of its own batch (P writers x
 * (K genuine + F forgeries)); the main thread averages them, applies Adam and sends the new
 * weights with the next batches. Validation EER picks the best weights; checkpoints resume.
 */
export async function train(train: WriterImages[], val: WriterRasters[][], o: TrainOptions, log: (s: string) => void): Promise<TrainResult> {
  const net = new Network(o.cfg, o.loss, o.metric, o.seed, train.length);
  const optimizer = new Optimizers(net, o.lr, o.loss.proxy?.lrFactor ?? 1);
  const size: InputSpec = { height: o.cfg.inputHeight, width: o.cfg.inputWidth, version: o.preprocessVersion };
  const hw = size.height * size.width;
  const recipe = trainingRecipe(o, train.map((w) => w.id));
  let meta: CheckpointMeta = {
    step: 0,
    seconds: 0,
    bestScore: Infinity,
    bestStep: -1,
    history: [],
    args: o.args,
    weightShapes: net.shapes(),
    optimizerShapes: [],
    recipe,
  };
  let best: Float32Array[] | null = null;
  let average = new WeightAverage();
  const resumed = loadCheckpoint(o.checkpointDir);
  if (resumed) {
    const want = net.shapes().map((s) => s.join('x')).join(',');
    const have = resumed.meta.weightShapes.map((s) => s.join('x')).join(',');
    if (want !== have)
      throw new Error(
        `${o.checkpointDir} holds a checkpoint of another network (${resumed.meta.weightShapes.length} weight arrays, this run has ${net.vars.length}): ` +
          'it was saved with other --filters, --loss, --metric or --proxy-weight. Give the same flags, or another --checkpoints folder.',
      );
    // Checkpoints written before recipes were stored carry none and are not checked.
    const differences = resumed.meta.recipe ? recipeDifferences(resumed.meta.recipe, recipe) : [];
    if (differences.length && resumed.meta.step < o.steps)
      throw new Error(
        `${o.checkpointDir} holds an unfinished run trained with other settings; give the same flags, or another --checkpoints folder:\n  ${differences.join('\n  ')}`,
      );
    if (differences.length) log(`note: ${o.checkpointDir} is a finished run trained with other settings (${differences.join('; ')}); its weights are used as they are`);
    meta = resumed.meta;
    net.setWeights(resumed.weights);
    best = resumed.best;
    if (resumed.average) average = new WeightAverage(resumed.average, resumed.meta.averageCount);
    await optimizer.restore(resumed.optimizer);
    log(`resumed from ${o.checkpointDir} at step ${meta.step} (${fmtTime(meta.seconds)} trained)`);
  } else if (o.initWeights) {
    net.setCarriedWeights(o.initWeights);
  }
  const pool = new WorkerPool(o.workers);
  await pool.all(() => ({ type: 'init', cfg: o.cfg, loss: o.loss, metric: o.metric, seed: o.seed, train, batch: o.batch, augment: o.augment, preprocessVersion: o.preprocessVersion, teacher: o.teacher }));
  const valFlat = val.map((v) => flattenRasters(v, hw));
  const calibration = calibrationImages(train, new Rng(o.seed + 17), size);
  const trainImages = train.reduce((s, w) => s + w.genuine.length + w.forged.length, 0);
  const perStep = o.workers * o.batch.writers * (o.batch.genuine + o.batch.forged);

  const evaluate = async (weights: Float32Array[]) => {
    const results: { skilled: number; random: number }[] = [];
    for (let vi = 0; vi < val.length; vi++) {
      const { images, n } = valFlat[vi];
      const parts = Array.from({ length: o.workers }, (_, i) => [Math.floor((i * n) / o.workers), Math.floor(((i + 1) * n) / o.workers)]);
      const outs = await pool.all((i) => ({
        type: 'embed',
        weights,
        images: images.slice(parts[i][0] * hw, parts[i][1] * hw),
        n: parts[i][1] - parts[i][0],
        calibration: calibration.images,
        calibrationCount: calibration.n,
      }));
      const emb = new Float32Array(n * o.cfg.embeddingDim);
      outs.forEach((m, i) => m.type === 'embed' && emb.set(m.embeddings, parts[i][0] * o.cfg.embeddingDim));
      results.push(validationEer(regroup(val[vi], emb, o.cfg.embeddingDim), net.distanceHead()));
    }
    return results;
  };

  const t0 = Date.now() - meta.seconds * 1000;
  const startStep = meta.step;
  const startedAt = Date.now();
  let lastCkpt = Date.now();
  let lossAvg = NaN;
  let distillAvg = NaN;
  let proxyAvg = NaN;
  let lastVal = '';
  try {
    for (let step = meta.step; step < o.steps; step++) {
      const weights = net.getWeights();
      // Each worker samples, augments and preprocesses its own batch from a per-step seed.
      const outs = await pool.all((i) => ({ type: 'grad', weights, seed: (o.seed * 1_000_003 + step * 97 + i) >>> 0 }));
      const grads = net.vars.map((v, vi) => {
        const sum = new Float32Array(v.size);
        for (const m of outs) if (m.type === 'grad') for (let k = 0; k < sum.length; k++) sum[k] += m.grads[vi][k] / outs.length;
        return sum;
      });
      const loss = outs.reduce((s, m) => s + (m.type === 'grad' ? m.loss : 0), 0) / outs.length;
      const active = outs.reduce((s, m) => s + (m.type === 'grad' ? m.active : 0), 0) / outs.length;
      const distill = o.teacher ? outs.reduce((s, m) => s + (m.type === 'grad' ? (m.distill ?? 0) : 0), 0) / outs.length : NaN;
      const proxy = o.loss.proxy?.weight ? outs.reduce((s, m) => s + (m.type === 'grad' ? (m.proxy ?? 0) : 0), 0) / outs.length : NaN;
      if (!Number.isFinite(loss)) throw new Error(`loss is ${loss} at step ${step}`);
      lossAvg = Number.isNaN(lossAvg) ? loss : 0.95 * lossAvg + 0.05 * loss;
      distillAvg = Number.isNaN(distillAvg) ? distill : 0.95 * distillAvg + 0.05 * distill;
      proxyAvg = Number.isNaN(proxyAvg) ? proxy : 0.95 * proxyAvg + 0.05 * proxy;
      optimizer.apply(grads, learningRate(step, o.steps, o.lr));
      meta.step = step + 1;
      meta.seconds = (Date.now() - t0) / 1000;
      if (o.averageFrom !== undefined && meta.step > o.averageFrom) {
        average.add(net.getWeights());
        meta.averageCount = average.count;
      }
      const entry: CheckpointMeta['history'][0] = { step: meta.step, loss, seconds: meta.seconds };
      if (meta.step % o.evalEvery === 0 || meta.step === o.steps) {
        const w = net.getWeights();
        const r = await evaluate(w);
        const score = meanOf(r, 'skilled');
        entry.valEer = score;
        entry.valRandomEer = meanOf(r, 'random');
        lastVal = formatEers(r);
        const mean = average.count > 1 ? average.mean() : null;
        if (mean) {
          const ra = await evaluate(mean);
          entry.avgValEer = meanOf(ra, 'skilled');
          entry.avgValRandomEer = meanOf(ra, 'random');
          lastVal += ` (mean of ${average.count} steps: ${formatEers(ra)})`;
        }
        if (score <= meta.bestScore) {
          meta.bestScore = score;
          meta.bestStep = meta.step;
          best = w;
        }
      }
      meta.history.push(entry);
      if (meta.step % 10 === 0 || entry.valEer !== undefined) {
        const eta = etaSeconds(meta.step, startStep, o.steps, (Date.now() - startedAt) / 1000);
        log(
          `step ${meta.step}/${o.steps} epoch ${((meta.step * perStep) / trainImages).toFixed(2)} loss ${lossAvg.toFixed(4)}${o.teacher ? ` (distillation ${distillAvg.toFixed(4)})` : ''}${o.loss.proxy?.weight ? ` (proxy ${proxyAvg.toFixed(3)})` : ''} active ${(100 * active).toFixed(0)}%` +
            ` val skilled/random EER ${lastVal || '-'} (best ${Number.isFinite(meta.bestScore) ? (100 * meta.bestScore).toFixed(2) + '% @' + meta.bestStep : '-'})` +
            ` ${fmtTime(meta.seconds)} ETA ${fmtTime(eta)}`,
        );
      }
      if (Date.now() - lastCkpt > o.checkpointSeconds * 1000 || meta.step === o.steps) {
        const slots = await optimizer.state();
        meta.optimizerShapes = slots.map((s) => s.tensor.shape);
        saveCheckpoint(o.checkpointDir, meta, net.getWeights(), slots.map((s) => s.tensor.dataSync() as Float32Array), best ?? undefined, average.mean() ?? undefined);
        lastCkpt = Date.now();
      }
    }
  } finally {
    await pool.close();
  }
  const mean = o.averageFrom !== undefined ? average.mean() : null;
  if (mean) net.setWeights(mean);
  else if (best) net.setWeights(best);
  net.recalibrate(calibration.images, calibration.n);
  return { net, meta };
}

/** The images calibrationImages takes: 2 of each of up to 160 writers, drawn from `rng`. */
export function calibrationPicks(train: WriterImages[], rng: Rng): PixelImage[] {
  return rng.sample(train, 160).flatMap((w) => rng.sample([...w.genuine, ...w.forged], 2));
}

/** A fixed set of clean (unaugmented) training images for batch-norm statistics: 2 per writer, up to 320. */
export function calibrationImages(train: WriterImages[], rng: Rng, size: InputSpec): { images: Float32Array; n: number } {
  const picks = calibrationPicks(train, rng);
  const hw = size.height * size.width;
  const images = new Float32Array(picks.length * hw);
  picks.forEach((img, i) => images.set(preprocess(img, size).data, i * hw));
  return { images, n: picks.length };
}
