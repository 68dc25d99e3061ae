import { writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { TRAIN_DEFAULTS, filtersFlag } from '../defaults';
import { DEFAULT_MODEL_CONFIG, POOLINGS, type ModelConfig, type Pooling } from '../../model/config';
import type { ModelCard, ModelIndex } from '../../model/modelCard';
import { combineExported } from '../export/combineModels';
import { AUGMENT_PRESETS } from '../augment';
import { readDataset } from '../data/datasetReader';
import { loadWriterImages, preprocessWriters } from '../data/imageStore';
import { splitWriters } from '../data/split';
import { DEFAULT_RULE, exportModel } from '../export/exportModel';
import { describeLoss } from '../export/lossDescription';
import { AGGREGATES, type Aggregate } from '../../verification/decision';
import { useWasmTrainingBackend } from '../kernels/wasmBackend';
import type { LossKind } from '../losses';
import type { MetricKind } from '../network';
import type { Mining } from '../pairs';
import { checkpointMeta } from '../checkpoint';
import { readTeacherCard } from '../teacher';
import { WEIGHT_STORAGES, type WeightStorage } from '../io/quantizeWeights';
import { train, type TrainOptions } from '../trainer';
import { writeSyntheticSet } from '../../synthetic/node/writeDataset';
import { DEFAULT_COUNTS } from '../../synthetic/generator';
import { cliArgs, num } from './args';
import { PREPROCESS_SHORT_NAMES, PREPROCESS_VERSIONS, inputSizeOf, preprocessVersionNamed } from '../../preprocessing';

const USAGE = `npm run train -- [options]
  --data DIRS          comma-separated data sets (default ../shared/data/cedar-dev,../shared/data/bhsig260-bengali)
  --out DIR            export folder (default ${TRAIN_DEFAULTS.out}); --no-export to skip
  --checkpoints DIR    checkpoint folder (default checkpoints/<out name>); resumes if it holds one (an unfinished
                       run only with the same settings; more --steps may continue a finished one)
  --steps N            optimiser steps after any pretraining (default ${TRAIN_DEFAULTS.steps})
  --loss KIND          triplet | contrastive | bce | lossless (default ${TRAIN_DEFAULTS.loss})
  --mining MODE        hard | hard-both | semi-hard | easy (triplet only; default ${TRAIN_DEFAULTS.mining})
  --pretrain-mining M  the pretraining's mining (default ${TRAIN_DEFAULTS.pretrainMining} whatever --mining says; before the
                       fourteenth session the pretraining used --mining)
  --margin M           triplet alpha / contrastive m (default ${TRAIN_DEFAULTS.margin} / ${TRAIN_DEFAULTS.contrastiveMargin.toFixed(1)})
  --metric KIND        euclidean | mahalanobis (learned L) (default euclidean)
  --proxy-weight W     add W x a proxy (class) loss to the chosen loss: normalised softmax with a cosine
                       margin over one genuine and one forgery proxy per training writer (default ${TRAIN_DEFAULTS.proxy.weight};
                       0: off, the recipe of countersign-v3)
  --proxy-scale S --proxy-margin M   its scale and cosine margin (default ${TRAIN_DEFAULTS.proxy.scale}, ${TRAIN_DEFAULTS.proxy.margin})
  --proxy-lr F         the proxies' learning rate as a multiple of --lr (default ${TRAIN_DEFAULTS.proxy.lrFactor})
  --proxy-pretrain     use the proxy term in the pretraining too, with its own proxies for the pretraining
                       writers (default when --proxy-weight is above 0); --no-proxy-pretrain: training only
  --lr X               Adam learning rate (default ${TRAIN_DEFAULTS.lr})
  --writers P --genuine K --forged F   per-worker batch: P writers x (K genuine + F forgeries) (default ${TRAIN_DEFAULTS.batch.writers} x (${TRAIN_DEFAULTS.batch.genuine} + ${TRAIN_DEFAULTS.batch.forged}))
  --workers N          worker threads (default ${TRAIN_DEFAULTS.workers})
  --seed N             (default ${TRAIN_DEFAULTS.seed})
  --eval-every N       validation every N steps (default ${TRAIN_DEFAULTS.evalEvery})
  --augment PRESET     strong | mild | none (default mild)
  --version V          model version string (default 1.0.0)
  --synthetic N        pretrain on N synthetic writers first (default ${TRAIN_DEFAULTS.syntheticWriters}; 0: none), generated once into .cache/synthetic, scan and pad looks mixed
  --synthetic-indic M  and on M more synthetic writers of Bengali and Devanagari script only (default 0; writers 200000+)
  --pretrain DIRS      or pretrain on these data sets first (their training writers)
  --pretrain-steps N   pretraining steps (default ${TRAIN_DEFAULTS.pretrainSteps}); the steps above are the fine-tuning that follows
  --balance-datasets   take each batch's writers from each --data set in turn (default; so the 30 cedar-dev
                       writers are half of each batch, not a quarter, and 1000 synthetic writers in --data
                       cannot crowd out 115 real ones)
  --uniform-writers    choose each batch's writers uniformly over all data sets instead (before countersign-v3)
  --preprocess V       pp1 (binary ink, default) | pp2 (centre line redrawn with one pen width), both 96x192;
                       or a full name, e.g. pp1-otsu-binary-128x256 (binary ink at a finer scale)
  --filters A,B,C,D,E  filters of the five conv stages (fewer is faster); for an ensemble one set for all its
                       networks, or one per --pooling value separated by / (default ${TRAIN_DEFAULTS.filters} with the
                       default --pooling; with a --pooling given, ${DEFAULT_MODEL_CONFIG.filters.join(',')} for every network)
  --embedding-dim N    size of the embedding (default ${DEFAULT_MODEL_CONFIG.embeddingDim}); e.g. 256 to distil from a two-network
                       ensemble (--teacher), whose embedding is its members' side by side
  --pooling P          what the embedding layer reads (default ${TRAIN_DEFAULTS.pooling}): last, the fifth conv's global avg + max |
                       multiscale, those of the third and fourth convs too | layout, the fifth conv's
                       average over a 2x4 grid too. Several, comma-separated (e.g. last,layout): an
                       ensemble, one network per value (seed, seed+1, ...) trained one after the other
                       in <checkpoints>/m<i>-<pooling>, exported with their own cards into its model/
                       folder, then joined into one model at --out (as npm run combine does)
  --average-from N     ship the mean of the weights after every step past N of the training on --data
                       (weight averaging, evaluated beside the current weights; default half of --steps);
                       --average-from off ships the best validation step instead (before countersign-v3)
  --aggregate A        score rule exported with the model: min | mean | min-mean (default min-mean)
  --prior-weight W     weight of the global writer-scale prior, in references (default 5)
  --teacher DIR        distillation: the student (this run's network) also learns to reproduce the
                       embeddings of this exported model (e.g. models/countersign-v3) on the same
                       augmented images, in pretraining and training; same input and embedding size
  --distill-weight W   weight of the distillation term added to the loss (default 1)
  --teacher-pooling P  train the teacher in this same command first: an ensemble of one network per value
                       (e.g. last,layout; default filters, seeds seed+1000, ...) in <checkpoints>/teacher, exported
                       to <checkpoints>/teacher/model, then distil this run's network from it (instead of
                       --teacher DIR). The student's --embedding-dim defaults to the teacher's (128 per network)
  --teacher-steps N --teacher-pretrain-steps N   the teacher's training and pretraining steps (default: the
                       student's --steps and --pretrain-steps)
  --no-distill-pretrain  distil in the training on --data only, not in the pretraining (which then costs
                       no teacher time)
  --weights S          how the export stores the weights: uint8 (default; 4x smaller, the card's rule and
                       figures are measured with the quantised weights) | float32`;

const a = cliArgs(
  {
    data: { type: 'string' },
    out: { type: 'string' },
    checkpoints: { type: 'string' },
    steps: { type: 'string' },
    loss: { type: 'string' },
    mining: { type: 'string' },
    'pretrain-mining': { type: 'string' },
    margin: { type: 'string' },
    metric: { type: 'string' },
    'proxy-weight': { type: 'string' },
    'proxy-scale': { type: 'string' },
    'proxy-margin': { type: 'string' },
    'proxy-lr': { type: 'string' },
    'proxy-pretrain': { type: 'boolean' },
    'no-proxy-pretrain': { type: 'boolean' },
    lr: { type: 'string' },
    writers: { type: 'string' },
    genuine: { type: 'string' },
    forged: { type: 'string' },
    workers: { type: 'string' },
    seed: { type: 'string' },
    'eval-every': { type: 'string' },
    augment: { type: 'string' },
    'no-export': { type: 'boolean' },
    version: { type: 'string' },
    synthetic: { type: 'string' },
    'synthetic-indic': { type: 'string' },
    pretrain: { type: 'string' },
    'pretrain-steps': { type: 'string' },
    'balance-datasets': { type: 'boolean' },
    'uniform-writers': { type: 'boolean' },
    preprocess: { type: 'string' },
    filters: { type: 'string' },
    'embedding-dim': { type: 'string' },
    pooling: { type: 'string' },
    aggregate: { type: 'string' },
    'average-from': { type: 'string' },
    'prior-weight': { type: 'string' },
    teacher: { type: 'string' },
    'distill-weight': { type: 'string' },
    'teacher-pooling': { type: 'string' },
    'teacher-steps': { type: 'string' },
    'teacher-pretrain-steps': { type: 'string' },
    'no-distill-pretrain': { type: 'boolean' },
    weights: { type: 'string' },
  },
  USAGE,
);
const loss = (a.loss ?? TRAIN_DEFAULTS.loss) as LossKind;
const mining = (a.mining ?? TRAIN_DEFAULTS.mining) as Mining;
const pretrainMining = (a['pretrain-mining'] ?? TRAIN_DEFAULTS.pretrainMining) as Mining;
const metric = (a.metric ?? 'euclidean') as MetricKind;
if (!['triplet', 'contrastive', 'bce', 'lossless'].includes(loss) || ![mining, pretrainMining].every((m) => ['hard', 'hard-both', 'semi-hard', 'easy'].includes(m)) || !['euclidean', 'mahalanobis'].includes(metric)) {
  console.error(`bad --loss, --mining, --pretrain-mining or --metric\n\n${USAGE}`);
  process.exit(2);
}
const dataDirs = (a.data ?? '../shared/data/cedar-dev,../shared/data/bhsig260-bengali').split(',').filter(Boolean);
const out = a.out ?? TRAIN_DEFAULTS.out;
const id = basename(out);
const ckpt = a.checkpoints ?? join('checkpoints', id);
const seed = num(a.seed, TRAIN_DEFAULTS.seed, 'seed');
const augmentName = a.augment ?? 'mild';
if (!(augmentName in AUGMENT_PRESETS)) {
  console.error(`--augment must be one of ${Object.keys(AUGMENT_PRESETS).join(', ')}\n\n${USAGE}`);
  process.exit(2);
}
const preprocessVersionOrNull = preprocessVersionNamed(a.preprocess);
if (!preprocessVersionOrNull) {
  console.error(`--preprocess must be one of ${PREPROCESS_VERSIONS.join(', ')} (or ${Object.keys(PREPROCESS_SHORT_NAMES).join(', ')})\n\n${USAGE}`);
  process.exit(2);
}
const preprocessVersion = preprocessVersionOrNull;
const aggregate = (a.aggregate ?? DEFAULT_RULE.aggregate) as Aggregate;
if (!AGGREGATES.includes(aggregate)) {
  console.error(`--aggregate must be one of ${AGGREGATES.join(', ')}\n\n${USAGE}`);
  process.exit(2);
}
// One filter set for every network, or one per --pooling value separated by '/'.
const filterSets = filtersFlag(a).split('/').map((f) => f.split(',').map(Number));
if (filterSets.some((fs) => fs.length !== 5 || fs.some((f) => !Number.isInteger(f) || f < 1 || f > 512))) {
  console.error(`--filters needs five whole numbers from 1 to 512, e.g. 24,32,64,96,128, or one such set per --pooling value separated by / (got ${a.filters})`);
  process.exit(2);
}
const filters = filterSets[0];
const poolings = (a.pooling ?? TRAIN_DEFAULTS.pooling).split(',').filter(Boolean) as Pooling[];
/** For a refusal of several networks: when they came from the default --pooling, say so and how to pick one. */
const defaultPoolingHint = (example: Pooling) => (a.pooling === undefined ? ` (the default is ${TRAIN_DEFAULTS.pooling}; give one, e.g. --pooling ${example})` : '');
if (poolings.length === 0 || !poolings.every((p) => POOLINGS.includes(p))) {
  console.error(`--pooling must be one of ${POOLINGS.join(', ')}, or several of them comma-separated for an ensemble (got ${a.pooling})`);
  process.exit(2);
}
if (poolings.length > 1 && loss === 'lossless') {
  console.error(`an ensemble (--pooling with several values) needs unit-length embeddings: not with --loss lossless${defaultPoolingHint('last')}`);
  process.exit(2);
}
if (filterSets.length > 1 && filterSets.length !== poolings.length) {
  console.error(`--filters gives ${filterSets.length} filter sets for ${poolings.length} --pooling values; give one set, or one per value`);
  process.exit(2);
}
const teacherPoolings = (a['teacher-pooling'] ?? '').split(',').filter(Boolean) as Pooling[];
if (a['teacher-pooling'] !== undefined && (teacherPoolings.length === 0 || !teacherPoolings.every((p) => POOLINGS.includes(p)))) {
  console.error(`--teacher-pooling must be one of ${POOLINGS.join(', ')}, or several of them comma-separated (got ${a['teacher-pooling']})`);
  process.exit(2);
}
// A teacher trained here gives its members' embeddings side by side: the student learns that size by default.
const embeddingDim = num(a['embedding-dim'], (teacherPoolings.length || 1) * DEFAULT_MODEL_CONFIG.embeddingDim, 'embedding-dim');
if (!Number.isInteger(embeddingDim) || embeddingDim < 2 || embeddingDim > 1024) {
  console.error(`--embedding-dim needs a whole number from 2 to 1024 (got ${a['embedding-dim']})`);
  process.exit(2);
}
const inputSize = inputSizeOf(preprocessVersion);
/** A network of this run's input and loss: the student's (or an ensemble member's) or a teacher member's. */
const networkConfig = (pooling: Pooling, netFilters: readonly number[], dim: number): ModelConfig => ({
  ...DEFAULT_MODEL_CONFIG,
  inputHeight: inputSize.height,
  inputWidth: inputSize.width,
  filters: netFilters as ModelConfig['filters'],
  embeddingDim: dim,
  ...(pooling === 'last' ? {} : { pooling }),
  embeddingActivation: loss === 'lossless' ? 'sigmoid' : 'l2',
});
/** Network i's configuration; an ensemble trains one per --pooling value. */
const cfgFor = (i: number): ModelConfig => networkConfig(poolings[i], filterSets[i] ?? filters, embeddingDim);
const cfg = cfgFor(0);
const steps = num(a.steps, TRAIN_DEFAULTS.steps, 'steps');
// Default: average the second half of the steps (too few steps to average: the best step).
const averageFrom =
  a['average-from'] === 'off' ? undefined : a['average-from'] === undefined ? (steps >= 4 ? Math.floor(steps / 2) : undefined) : num(a['average-from'], 0, 'average-from');
if (averageFrom !== undefined && (!Number.isInteger(averageFrom) || averageFrom < 0 || averageFrom >= steps - 1)) {
  console.error(`--average-from must be a whole number of steps below --steps - 1 (${steps - 1}), or off; got ${a['average-from']}`);
  process.exit(2);
}
if (a['balance-datasets'] && a['uniform-writers']) {
  console.error('--balance-datasets and --uniform-writers contradict each other; give one');
  process.exit(2);
}
const weightStorage = (a.weights ?? 'uint8') as WeightStorage;
if (!WEIGHT_STORAGES.includes(weightStorage)) {
  console.error(`--weights must be one of ${WEIGHT_STORAGES.join(', ')} (got ${a.weights})\n\n${USAGE}`);
  process.exit(2);
}
let teacher: TrainOptions['teacher'];
if (a.teacher && teacherPoolings.length) {
  console.error('--teacher DIR and --teacher-pooling contradict each other: distil from a finished model, or train the teacher here; give one');
  process.exit(2);
}
if (!teacherPoolings.length && (a['teacher-steps'] !== undefined || a['teacher-pretrain-steps'] !== undefined)) {
  console.error('--teacher-steps and --teacher-pretrain-steps need --teacher-pooling (a teacher trained in this command)');
  process.exit(2);
}
if ((a['distill-weight'] !== undefined || a['no-distill-pretrain']) && !a.teacher && !teacherPoolings.length) {
  console.error(`${a['no-distill-pretrain'] ? '--no-distill-pretrain' : '--distill-weight'} needs --teacher DIR or --teacher-pooling P`);
  process.exit(2);
}
if (teacherPoolings.length && poolings.length > 1) {
  console.error(`--teacher-pooling distils into one network: not with several --pooling values${defaultPoolingHint('layout')}`);
  process.exit(2);
}
if (teacherPoolings.length) {
  const teacherDim = teacherPoolings.length * DEFAULT_MODEL_CONFIG.embeddingDim;
  if (embeddingDim !== teacherDim || loss === 'lossless') {
    console.error(
      loss === 'lossless'
        ? '--teacher-pooling trains an ensemble teacher, whose embeddings are unit-length: not with --loss lossless'
        : `the teacher of --teacher-pooling ${a['teacher-pooling']} gives ${teacherDim}-d embeddings (${DEFAULT_MODEL_CONFIG.embeddingDim} per network); the student's --embedding-dim must be ${teacherDim} (got ${embeddingDim})`,
    );
    process.exit(2);
  }
}
if (a.teacher || teacherPoolings.length) {
  const weight = num(a['distill-weight'], 1, 'distill-weight');
  if (!(weight > 0)) {
    console.error(`--distill-weight must be above 0 (got ${a['distill-weight']})`);
    process.exit(2);
  }
  if (a.teacher) {
    try {
      readTeacherCard(a.teacher, cfg, preprocessVersion);
    } catch (e) {
      console.error(`--teacher: ${e instanceof Error ? e.message : e}`);
      process.exit(2);
    }
  }
  teacher = { dir: a.teacher ?? join(ckpt, 'teacher', 'model'), weight };
}
const distilPretrain = !a['no-distill-pretrain'];
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

await useWasmTrainingBackend();
const sets = dataDirs.map((dir) => ({ dir, name: basename(dir.replace(/\/+$/, '')), ...splitWriters(readDataset(dir)) }));
const trainFiles = sets.flatMap((s) => s.train);
log(`data: ${sets.map((s) => `${s.name} ${s.train.length} train + ${s.validation.length} validation writers`).join(', ')}`);
const trainImages = loadWriterImages(trainFiles, (d, t) => log(`decoding ${d}/${t}`));
// Data sets without validation writers (synthetic ones) are training data only.
const valSets = sets.filter((s) => s.validation.length > 0);
if (valSets.length === 0) {
  console.error('none of the --data sets has validation writers (cedar-dev 031-040 or BHSig B086-B100); model selection needs them');
  process.exit(2);
}
const valRasters = valSets.map((s) => preprocessWriters(loadWriterImages(s.validation), preprocessVersion));
log(`decoded ${trainImages.reduce((n, w) => n + w.genuine.length + w.forged.length, 0)} training images`);

const margin = num(a.margin, loss === 'contrastive' ? TRAIN_DEFAULTS.contrastiveMargin : TRAIN_DEFAULTS.margin, 'margin');
const proxyWeight = num(a['proxy-weight'], TRAIN_DEFAULTS.proxy.weight, 'proxy-weight');
if (proxyWeight < 0) {
  console.error(`--proxy-weight must be 0 (off) or more (got ${a['proxy-weight']})`);
  process.exit(2);
}
if (a['proxy-pretrain'] && !(proxyWeight > 0)) {
  console.error('--proxy-pretrain needs --proxy-weight W above 0');
  process.exit(2);
}
if (a['proxy-pretrain'] && a['no-proxy-pretrain']) {
  console.error('--proxy-pretrain and --no-proxy-pretrain contradict each other; give one');
  process.exit(2);
}
const proxyPretrain = proxyWeight > 0 && !a['no-proxy-pretrain'];
const proxy = proxyWeight > 0 ? { weight: proxyWeight, scale: num(a['proxy-scale'], TRAIN_DEFAULTS.proxy.scale, 'proxy-scale'), margin: num(a['proxy-margin'], TRAIN_DEFAULTS.proxy.margin, 'proxy-margin'), lrFactor: num(a['proxy-lr'], TRAIN_DEFAULTS.proxy.lrFactor, 'proxy-lr') } : undefined;
const command = ['npm run train', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
const opts: TrainOptions = {
  cfg,
  loss: { kind: loss, mining, margin, proxy },
  metric,
  steps,
  lr: num(a.lr, TRAIN_DEFAULTS.lr, 'lr'),
  batch: { writers: num(a.writers, TRAIN_DEFAULTS.batch.writers, 'writers'), genuine: num(a.genuine, TRAIN_DEFAULTS.batch.genuine, 'genuine'), forged: num(a.forged, TRAIN_DEFAULTS.batch.forged, 'forged'), balanceDatasets: !a['uniform-writers'] },
  workers: num(a.workers, TRAIN_DEFAULTS.workers, 'workers'),
  seed,
  evalEvery: num(a['eval-every'], TRAIN_DEFAULTS.evalEvery, 'eval-every'),
  checkpointDir: ckpt,
  checkpointSeconds: 120,
  augment: AUGMENT_PRESETS[augmentName],
  preprocessVersion,
  args: { ...a },
  averageFrom,
  teacher,
};

// Optional pretraining (synthetic writers or other data sets), then training on --data from its weights.
const syntheticWriters = num(a.synthetic, TRAIN_DEFAULTS.syntheticWriters, 'synthetic');
const pretrainDirs = (a.pretrain ?? '').split(',').filter(Boolean);
// Order as in `--pretrain <indic set> --synthetic N`, the run this flag reproduces.
const indicWriters = num(a['synthetic-indic'], 0, 'synthetic-indic');
if (indicWriters > 0) {
  const dir = `.cache/synthetic/indic-w${indicWriters}-s1`;
  const t = Date.now();
  const made = await writeSyntheticSet({ out: dir, writers: indicWriters, start: 200000, seed: 1, domain: 'mixed', counts: DEFAULT_COUNTS, scripts: ['bengali', 'devanagari'] }, (d, n) => log(`Bengali/Devanagari synthetic writers ${d}/${n}`));
  log(made ? `generated ${indicWriters} Bengali/Devanagari synthetic writers in ${dir} (${((Date.now() - t) / 1000).toFixed(0)} s)` : `synthetic writers: reusing ${dir}`);
  pretrainDirs.push(dir);
}
if (syntheticWriters > 0) {
  const dir = `.cache/synthetic/mixed-w${syntheticWriters}-s1`;
  const t = Date.now();
  const made = await writeSyntheticSet({ out: dir, writers: syntheticWriters, start: 0, seed: 1, domain: 'mixed', counts: DEFAULT_COUNTS }, (d, n) => log(`synthetic writers ${d}/${n}`));
  log(made ? `generated ${syntheticWriters} synthetic writers in ${dir} (${((Date.now() - t) / 1000).toFixed(0)} s)` : `synthetic writers: reusing ${dir}`);
  pretrainDirs.push(dir);
}

const preFiles = pretrainDirs.flatMap((dir) => splitWriters(readDataset(dir)).train);
let preImages: ReturnType<typeof loadWriterImages> | undefined;
const validation = valSets.map((s, i) => ({ name: s.name, dataDir: s.dir, rasters: valRasters[i] }));
const preSteps = num(a['pretrain-steps'], TRAIN_DEFAULTS.pretrainSteps, 'pretrain-steps');

const teacherSteps = num(a['teacher-steps'], steps, 'teacher-steps');
const teacherPreSteps = num(a['teacher-pretrain-steps'], preSteps, 'teacher-pretrain-steps');

/** What differs between the networks one command trains: the student (or only network) and a teacher's members. */
interface Schedule {
  steps: number;
  preSteps: number;
  averageFrom: number | undefined;
  teacher: TrainOptions['teacher'];
  /** Distil in the pretraining too. */
  distilPretrain: boolean;
  /** Minutes of a teacher trained in this command, counted in the card's training time and described beside the loss. */
  teacherMinutes?: number;
}
const studentSchedule: Schedule = { steps, preSteps, averageFrom, teacher, distilPretrain };

/**
 * One network: the optional pretraining, the training on --data, and (unless --no-export) its
 * export with its card. An ensemble runs this once per member, each in its own checkpoint folder.
 */
async function trainNetwork(m: { cfg: ModelConfig; seed: number; ckpt: string; out: string; id: string; log: (s: string) => void; s: Schedule; exportAnyway?: boolean }) {
  const { log, s } = m;
  const o: TrainOptions = { ...opts, cfg: m.cfg, seed: m.seed, checkpointDir: m.ckpt, steps: s.steps, averageFrom: s.averageFrom, teacher: s.teacher };
  if (pretrainDirs.length && !checkpointMeta(m.ckpt)) {
    log(`pretraining on ${preFiles.length} writers of ${pretrainDirs.join(', ')} for ${s.preSteps} steps`);
    preImages ??= loadWriterImages(preFiles, (d, t) => log(`decoding ${d}/${t}`));
    const pre = await train(
      preImages,
      valRasters,
      { ...o, loss: { ...o.loss, mining: pretrainMining, proxy: proxyPretrain ? o.loss.proxy : undefined }, steps: s.preSteps, checkpointDir: join(m.ckpt, 'pretrain'), averageFrom: undefined, teacher: s.distilPretrain ? s.teacher : undefined },
      log,
    );
    o.initWeights = pre.net.carriedWeights();
    log(`pretrained ${pre.meta.step} steps in ${(pre.meta.seconds / 60).toFixed(1)} min; now training on ${trainFiles.length} writers`);
  }
  // The card describes the pretraining from its checkpoint, whether it ran now or before (a resumed run, or only exporting).
  const preMeta = pretrainDirs.length ? checkpointMeta(join(m.ckpt, 'pretrain')) : null;
  const pretrain = preMeta ? { data: pretrainDirs, writers: preFiles.length, steps: preMeta.step, selectedStep: preMeta.bestStep, seconds: Math.round(preMeta.seconds) } : undefined;
  const { net, meta } = await train(trainImages, valRasters, o, log);
  log(`trained ${meta.step} steps in ${(meta.seconds / 60).toFixed(1)} min; best validation skilled EER ${(100 * meta.bestScore).toFixed(2)}% at step ${meta.bestStep}`);
  if (s.averageFrom !== undefined) log(`exporting the mean of the weights after steps ${s.averageFrom + 1}-${meta.step} (${meta.averageCount ?? 0} snapshots), not the best step`);
  if (a['no-export'] && !m.exportAnyway) return undefined;
  const card = await exportModel({
    net,
    dir: m.out,
    id: m.id,
    version: a.version ?? '1.0.0',
    validation,
    preprocessVersion,
    weightStorage,
    rule: { aggregate, priorWeight: num(a['prior-weight'], DEFAULT_RULE.priorWeight, 'prior-weight') },
    training: {
      command,
      data: dataDirs,
      trainWriters: trainFiles.map((w) => w.id),
      validationWriters: valSets.flatMap((s) => s.validation.map((w) => w.id)),
      loss: describeLoss({
        loss,
        mining,
        margin,
        metric,
        augment: augmentName,
        proxy,
        proxyInPretraining: proxyPretrain && !!pretrain,
        pretrainMining: pretrain ? pretrainMining : undefined,
        teacher: s.teacher && {
          name: s.teacherMinutes !== undefined ? `a teacher trained first by this command (${teacherPoolings.join(', ')}; ${pretrainDirs.length ? `${teacherPreSteps} + ` : ''}${teacherSteps} steps per network, ${s.teacherMinutes.toFixed(1)} min, counted in the training time)` : basename(s.teacher.dir.replace(/\/+$/, '')),
          weight: s.teacher.weight,
          trainingOnly: !!pretrain && !s.distilPretrain,
        },
      }),
      steps: meta.step,
      selectedStep: meta.bestStep,
      averagedFrom: s.averageFrom,
      seconds: Math.round(meta.seconds + (pretrain?.seconds ?? 0) + 60 * (s.teacherMinutes ?? 0)),
      seed: m.seed,
      pretrain,
    },
  });
  printMetrics(card, log);
  log(`exported ${m.out}`);
  return card;
}

/**
 * An ensemble: member i (seed + i) trains and exports into <ckpt>/m<i>-<pooling>/model, then the
 * members are joined into one model at `out` (the machinery of npm run combine).
 */
async function trainEnsemble(e: { poolings: Pooling[]; cfgFor: (i: number) => ModelConfig; seed: number; ckpt: string; out: string; id: string; log: (s: string) => void; s: Schedule; exportAnyway?: boolean }) {
  const memberDirs: string[] = [];
  for (const [i, pooling] of e.poolings.entries()) {
    const dir = join(e.ckpt, `m${i}-${pooling}`);
    const label = `member ${i + 1}/${e.poolings.length} (${pooling})`;
    await trainNetwork({ cfg: e.cfgFor(i), seed: e.seed + i, ckpt: dir, out: join(dir, 'model'), id: `${e.id}-m${i}-${pooling}`, log: (s) => e.log(`${label}: ${s}`), s: e.s, exportAnyway: e.exportAnyway });
    memberDirs.push(join(dir, 'model'));
  }
  if (a['no-export'] && !e.exportAnyway) return undefined;
  const card = await combineExported({ dirs: memberDirs, out: e.out, version: a.version ?? '1.0.0', command, validation });
  printMetrics(card, e.log);
  e.log(`exported ${e.out}: ensemble of ${e.poolings.length} networks (${e.poolings.join(', ')})`);
  return card;
}

/** One network, or an ensemble of one per pooling; its card, unless not exported. */
function trainModel(m: Parameters<typeof trainEnsemble>[0]): Promise<ModelCard | undefined> {
  return m.poolings.length === 1 ? trainNetwork({ ...m, cfg: m.cfgFor(0) }) : trainEnsemble(m);
}

function printMetrics(card: ModelCard, log: (s: string) => void) {
  for (const x of card.metrics) log(`${x.data}, ${x.references} refs: skilled EER ${(100 * x.skilled.eer).toFixed(2)}% FAR ${(100 * x.skilled.far).toFixed(2)}% FRR ${(100 * x.skilled.frr).toFixed(2)}%, random EER ${(100 * x.random.eer).toFixed(2)}%`);
}

const started = Date.now();
if (teacherPoolings.length) {
  // The teacher first (resumable like any run, in <checkpoints>/teacher), then the student learns from its export.
  const t0 = Date.now();
  const tdir = join(ckpt, 'teacher');
  const teacherCard = await trainModel({
    poolings: teacherPoolings,
    cfgFor: (i) => networkConfig(teacherPoolings[i], DEFAULT_MODEL_CONFIG.filters, DEFAULT_MODEL_CONFIG.embeddingDim),
    seed: seed + 1000,
    ckpt: tdir,
    out: join(tdir, 'model'),
    id: `${id}-teacher`,
    log: (s) => log(`teacher ${s}`),
    s: { steps: teacherSteps, preSteps: teacherPreSteps, averageFrom: teacherSteps >= 4 ? Math.floor(teacherSteps / 2) : undefined, teacher: undefined, distilPretrain: false },
    exportAnyway: true,
  });
  // Its card's training time (pretraining included), so a resumed run counts the teacher's whole time, not this call's.
  studentSchedule.teacherMinutes = teacherCard!.training.seconds / 60;
  log(`the teacher took ${((Date.now() - t0) / 60000).toFixed(1)} min in this call (${studentSchedule.teacherMinutes.toFixed(1)} min of training in all); now the student`);
}
await trainModel({ poolings, cfgFor, seed, ckpt, out, id, log, s: studentSchedule });
if (!a['no-export'] && resolve(dirname(out)) === resolve('models')) {
  // A model exported into models/ becomes the app's default.
  const index: ModelIndex = { default: id, models: [id] };
  writeFileSync('models/index.json', JSON.stringify(index, null, 2) + '\n');
}
log(`the whole command took ${((Date.now() - started) / 60000).toFixed(1)} min after decoding the data`);
process.exit(0);
