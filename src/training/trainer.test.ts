import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG } from '../model/config';
import { sharedDataset } from '../testing/sharedData';
import { DEFAULT_AUGMENT } from './augment';
import { loadCheckpoint } from './checkpoint';
import { readDataset } from './data/datasetReader';
import { loadWriterImages, preprocessWriters } from './data/imageStore';
import { useWasmTrainingBackend } from './kernels/wasmBackend';
import { saveLayersModel } from './io/modelFiles';
import { Network } from './network';
import { Teacher } from './teacher';
import { etaSeconds, fmtTime, learningRate, train, type TrainOptions } from './trainer';

/** A tiny network and batch, so a training step on real signatures takes a second; tests override what they exercise. */
function tinyOptions(over: Partial<TrainOptions>): TrainOptions {
  return {
    cfg: { ...DEFAULT_MODEL_CONFIG, filters: [4, 4, 8, 8, 8], embeddingDim: 16 },
    loss: { kind: 'triplet', mining: 'semi-hard', margin: 0.3 },
    metric: 'euclidean',
    steps: 2,
    lr: 1e-2,
    batch: { writers: 2, genuine: 2, forged: 1 },
    workers: 2,
    seed: 1,
    evalEvery: 2,
    checkpointDir: join(mkdtempSync(join(tmpdir(), 'cs-train-')), 'run'),
    checkpointSeconds: 0,
    augment: null,
    preprocessVersion: 'pp1-otsu-binary-96x192',
    args: {},
    ...over,
  };
}

describe('training loop (2 worker threads, checkpoints, resume)', () => {
  beforeAll(async () => {
    await useWasmTrainingBackend();
  });

  it('learning rate warms up then decays by cosine', () => {
    expect(learningRate(0, 100, 1, 10)).toBeCloseTo(0.1, 10);
    expect(learningRate(10, 100, 1, 10)).toBeCloseTo(1, 10);
    expect(learningRate(100, 100, 1, 10)).toBeCloseTo(0.02, 10);
  });

  it('ETA counts only the steps run since this process started (a resumed run too)', () => {
    // resumed at step 300 of 600, 40 steps in 146 s since -> 260 steps left at 3.65 s each
    expect(etaSeconds(340, 300, 600, 146)).toBeCloseTo(949, 0);
    expect(etaSeconds(300, 300, 600, 5)).toBeNaN();
    expect(fmtTime(949)).toBe('15m49s');
    expect(fmtTime(59.6)).toBe('1m00s');
    expect(fmtTime(NaN)).toBe('-');
  });

  it('trains on real signatures, checkpoints, and resumes where it stopped', async () => {
    const ws = readDataset(sharedDataset('cedar-dev'));
    const trainImgs = loadWriterImages(ws.slice(0, 4));
    // The stroke-width-normalised preprocessing (pp2), so its path through the workers is exercised too.
    const val = [preprocessWriters(loadWriterImages(ws.slice(36, 38)), 'pp2-centreline-96x192')];
    const dir = join(mkdtempSync(join(tmpdir(), 'cs-ckpt-')), 'run');
    const logs: string[] = [];
    const opts = tinyOptions({
      loss: { kind: 'triplet', mining: 'hard', margin: 0.3 },
      lr: 1e-3,
      seed: 5,
      checkpointDir: dir,
      augment: DEFAULT_AUGMENT,
      preprocessVersion: 'pp2-centreline-96x192',
    });
    const first = await train(trainImgs, val, opts, (s) => logs.push(s));
    expect(first.meta.step).toBe(2);
    expect(first.meta.history[1].valEer).toBeGreaterThanOrEqual(0);
    expect(logs.some((l) => /step 2\/2 .*loss .*val skilled\/random EER .*ETA/.test(l))).toBe(true);
    const saved = loadCheckpoint(dir)!;
    expect(saved.meta.step).toBe(2);
    expect(saved.optimizer.length).toBeGreaterThan(0);
    const second = await train(trainImgs, val, { ...opts, steps: 3 }, (s) => logs.push(s));
    expect(logs.some((l) => l.startsWith(`resumed from ${dir} at step 2`))).toBe(true);
    expect(second.meta.step).toBe(3);
    expect(second.meta.history).toHaveLength(3);
    // Continuing it with other settings is refused, naming them; a finished run's weights are reused with a note.
    await expect(train(trainImgs, val, { ...opts, steps: 4, seed: 6, lr: 2e-3 }, () => {})).rejects.toThrow(
      /unfinished run trained with other settings.*\n  learning rate: checkpoint 0\.001, this run 0\.002\n  seed: checkpoint 5, this run 6$/s,
    );
    await expect(train(loadWriterImages(ws.slice(1, 5)), val, { ...opts, steps: 4 }, () => {})).rejects.toThrow(/training writers: checkpoint 4 \(cedar-dev\/001 \.\. cedar-dev\/004, hash/);
    const notes: string[] = [];
    const reused = await train(trainImgs, val, { ...opts, seed: 6, steps: 3 }, (s) => notes.push(s));
    expect(notes.some((l) => /is a finished run trained with other settings \(seed: checkpoint 5, this run 6\)/.test(l))).toBe(true);
    expect(reused.meta.step).toBe(3);
  });

  it('with averageFrom, evaluates and returns the mean of the late weights, and resumes the mean', async () => {
    const ws = readDataset(sharedDataset('cedar-dev'));
    const trainImgs = loadWriterImages(ws.slice(4, 8));
    const val = [preprocessWriters(loadWriterImages(ws.slice(38, 40)))];
    const dir = join(mkdtempSync(join(tmpdir(), 'cs-avg-')), 'run');
    const logs: string[] = [];
    const opts = tinyOptions({ steps: 3, seed: 3, evalEvery: 3, checkpointDir: dir, averageFrom: 1 });
    const first = await train(trainImgs, val, opts, (s) => logs.push(s));
    const saved = loadCheckpoint(dir)!;
    expect(saved.meta.averageCount).toBe(2);
    expect(saved.average).not.toBeNull();
    expect(logs.some((l) => /step 3\/3 .*\(mean of 2 steps: \d+\.\d%\/\d+\.\d%\)/.test(l))).toBe(true);
    expect(first.meta.history[2].avgValEer).toBeGreaterThanOrEqual(0);
    // The returned trainable weights are the mean, which differs from the last step's weights.
    const returned = first.net.getWeights();
    expect(Array.from(returned[0])).toEqual(Array.from(saved.average![0]));
    expect(Array.from(saved.weights[0])).not.toEqual(Array.from(saved.average![0]));
    // Resuming for one more step adds one snapshot to the saved mean.
    const second = await train(trainImgs, val, { ...opts, steps: 4, evalEvery: 4 }, (s) => logs.push(s));
    expect(loadCheckpoint(dir)!.meta.averageCount).toBe(3);
    expect(logs.some((l) => /step 4\/4 .*mean of 3 steps/.test(l))).toBe(true);
    expect(second.meta.step).toBe(4);
  });

  it('repeats exactly: the same seed and data give the same weights (dropout masks are seeded per step)', async () => {
    const ws = readDataset(sharedDataset('cedar-dev'));
    const trainImgs = loadWriterImages(ws.slice(8, 11));
    const val = [preprocessWriters(loadWriterImages(ws.slice(39, 40)))];
    const run = async (seed: number) => {
      const opts = tinyOptions({ cfg: { ...DEFAULT_MODEL_CONFIG, filters: [4, 4, 8, 8, 8], embeddingDim: 16, dropout: 0.5 }, seed, evalEvery: 100, augment: DEFAULT_AUGMENT });
      const r = await train(trainImgs, val, opts, () => {});
      return { weights: r.net.getWeights().map((w) => Array.from(w)), losses: r.meta.history.map((h) => h.loss) };
    };
    const a = await run(7);
    const b = await run(7);
    expect(b.losses).toEqual(a.losses);
    expect(b.weights).toEqual(a.weights);
    // and the seed matters: another seed samples other batches
    const c = await run(8);
    expect(c.losses).not.toEqual(a.losses);
  });

  it('distillation pulls the student toward the teacher embeddings of the same images', async () => {
    const ws = readDataset(sharedDataset('cedar-dev'));
    const trainImgs = loadWriterImages(ws.slice(11, 14));
    const valWriters = preprocessWriters(loadWriterImages(ws.slice(37, 38)));
    // A teacher exported as the trainer exports models: another tiny network (its own seed).
    const base = tinyOptions({});
    const dir = mkdtempSync(join(tmpdir(), 'cs-teacher-'));
    const teacherNet = new Network(base.cfg, base.loss, base.metric, 11);
    await saveLayersModel(teacherNet.model, dir);
    const card = { id: 'tiny-teacher', architecture: base.cfg, preprocessing: { version: base.preprocessVersion, inputHeight: 96, inputWidth: 192 } };
    writeFileSync(join(dir, 'model-card.json'), JSON.stringify(card));
    const teacher = await Teacher.load(dir, base.cfg, base.preprocessVersion);
    const images = new Float32Array(valWriters[0].genuine.flatMap((g) => Array.from(g)));
    const n = valWriters[0].genuine.length;
    const target = teacher.embed(images, n);
    const gap = (e: Float32Array) => e.reduce((s, v, i) => s + (v - target[i]) ** 2, 0) / n;
    const logs: string[] = [];
    const run = (over: Partial<TrainOptions>) => train(trainImgs, [valWriters], tinyOptions({ steps: 8, evalEvery: 8, lr: 0.2, seed: 2, ...over }), (l) => logs.push(l));
    const plain = await run({});
    const taught = await run({ teacher: { dir, weight: 20 } });
    const plainGap = gap(plain.net.embed(images, n));
    const taughtGap = gap(taught.net.embed(images, n));
    expect(taughtGap).toBeLessThan(0.5 * plainGap);
    expect(logs.some((l) => /step 8\/8 .*loss \d+\.\d+ \(distillation \d+\.\d+\)/.test(l))).toBe(true);
  });

  it('networks with learned heads can be built twice in one process (pretraining, then training)', () => {
    const cfg = tinyOptions({}).cfg;
    const bce = { kind: 'bce' as const, mining: 'hard' as const, margin: 0.3 };
    const a = new Network(cfg, bce, 'mahalanobis', 1);
    const b = new Network(cfg, bce, 'mahalanobis', 2);
    // The learned heads carry over with the network (a's Mahalanobis L changed first, so equality means it was copied).
    const ws = a.getWeights();
    ws[ws.length - 1] = ws[ws.length - 1].map((v, i) => v + 0.01 * i);
    a.setWeights(ws);
    b.setCarriedWeights(a.carriedWeights());
    b.getWeights().forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(ws[i])));
    // A network of another shape is refused with a message, not half-set.
    const other = new Network({ ...cfg, filters: [4, 4, 8, 8, 16] }, bce, 'mahalanobis', 1);
    expect(() => other.setCarriedWeights(a.carriedWeights())).toThrow(/do not fit this network/);
  });

  it('the proxy term: proxies per training writer, a pretraining on other writers carries over, the loss falls', async () => {
    const ws = readDataset(sharedDataset('cedar-dev'));
    const valWriters = [preprocessWriters(loadWriterImages(ws.slice(36, 37)))];
    const proxy = { weight: 1, scale: 8, margin: 0.1 };
    const logs: string[] = [];
    const loss = { kind: 'triplet' as const, mining: 'semi-hard' as const, margin: 0.3, proxy };
    // "Pretraining" on 3 writers (6 proxies), then training on 4 others (8 proxies) from its weights.
    const pre = await train(loadWriterImages(ws.slice(14, 17)), valWriters, tinyOptions({ loss, steps: 2, seed: 4 }), (l) => logs.push(l));
    expect(pre.net.getWeights().at(-1)!.length).toBe(6 * 16);
    const init = pre.net.carriedWeights();
    expect(init).toHaveLength(pre.net.vars.length - 1);
    const trainImgs = loadWriterImages(ws.slice(17, 21));
    const opts = tinyOptions({ loss, steps: 12, evalEvery: 12, lr: 0.05, seed: 4, initWeights: init });
    const run = await train(trainImgs, valWriters, opts, (l) => logs.push(l));
    const w = run.net.getWeights();
    expect(w).toHaveLength(init.length + 1);
    expect(w[w.length - 1].length).toBe(8 * 16);
    expect(logs.some((l) => /step 10\/12 .*loss \d+\.\d+ \(proxy \d+\.\d+\)/.test(l))).toBe(true);
    // The proxy term dominates the loss here (about 5.5 at the start); 12 steps on 4 writers lower it (to about 3.4).
    const h = run.meta.history.map((e) => e.loss);
    expect((h[9] + h[10] + h[11]) / 3).toBeLessThan((h[0] + h[1] + h[2]) / 3 - 0.2);
    // Its checkpoint cannot be resumed by a run without the proxy term: a clear refusal, not a crash.
    await expect(train(trainImgs, valWriters, { ...opts, loss: { ...loss, proxy: undefined }, steps: 13 }, () => {})).rejects.toThrow(
      /holds a checkpoint of another network \(18 weight arrays, this run has 17\).*--proxy-weight/,
    );
  });

  it('refuses a teacher that sees other inputs or gives other embeddings', async () => {
    const { teacherMismatch } = await import('./teacher');
    const cfg = tinyOptions({}).cfg;
    const card = { id: 't', architecture: cfg, preprocessing: { version: 'pp1-otsu-binary-96x192' as const, inputHeight: 96, inputWidth: 192 } };
    expect(teacherMismatch(card, cfg, 'pp1-otsu-binary-96x192')).toBeNull();
    expect(teacherMismatch(card, cfg, 'pp2-centreline-96x192')).toMatch(/preprocessing pp1-otsu-binary-96x192, the student pp2/);
    expect(teacherMismatch(card, { ...cfg, embeddingDim: 32 }, 'pp1-otsu-binary-96x192')).toMatch(/16-d l2 embeddings, the student 32-d/);
    expect(teacherMismatch(card, { ...cfg, inputWidth: 128 }, 'pp1-otsu-binary-96x192')).toMatch(/96x192 inputs, the student 96x128/);
  });
});
