/** npm run train's command line: its usage text and parseTrainArgs (src/training/cli/train.ts runs what it returns). */
import { basename, join } from 'node:path';
import { TRAIN_DEFAULTS, filtersFlag } from '../defaults';
import { DEFAULT_MODEL_CONFIG, POOLINGS, type ModelConfig, type Pooling } from '../../model/config';
import { AUGMENT_PRESETS, withBroadPens } from '../augment';
import { DEFAULT_RULE } from '../export/exportModel';
import { AGGREGATES, type Aggregate } from '../../verification/decision';
import type { LossKind } from '../losses';
import type { MetricKind } from '../network';
import type { Mining } from '../pairs';
import { readTeacherCard } from '../teacher';
import { WEIGHT_STORAGES, type WeightStorage } from '../io/quantizeWeights';
import type { TrainOptions } from '../trainer';
import type { BatchShape } from '../batch';
import { commandLine } from '../io/commandLine';
import { cliArgs, num, refuse } from './args';
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
  --relative-margin    triplet only, in the training after any pretraining: each writer's alpha scaled by its
                       spread in the batch (mean distance between its genuine signatures there, 2/3 of it, the
                       batch's 1/3), as the decision rule scales scores by the writer's spread (default off)
  --metric KIND        euclidean | mahalanobis (learned L) (default euclidean)
  --proxy-weight W     add W x a proxy (class) loss to the chosen loss: normalised softmax with a cosine
                       margin over one genuine and one forgery proxy per training writer (default ${TRAIN_DEFAULTS.proxy.weight};
                       0: off, the recipe of countersign-v3)
  --proxy-scale S --proxy-margin M   its scale and cosine margin (default ${TRAIN_DEFAULTS.proxy.scale}, ${TRAIN_DEFAULTS.proxy.margin})
  --proxy-lr F         the proxies' learning rate as a multiple of --lr (default ${TRAIN_DEFAULTS.proxy.lrFactor})
  --proxy-pretrain     use the proxy term in the pretraining too, with its own proxies for the pretraining
                       writers (default when --proxy-weight is above 0); --no-proxy-pretrain: training only
  --lr X               Adam learning rate (default ${TRAIN_DEFAULTS.lr})
  --writers P --genuine K --forged F   per-worker batch: P writers x (K genuine + F forgeries), P and K 2 or more
                       (default ${TRAIN_DEFAULTS.batch.writers} x (${TRAIN_DEFAULTS.batch.genuine} + ${TRAIN_DEFAULTS.batch.forged}))
  --pretrain-batch P,K,F  the pretraining's own per-worker batch (default ${TRAIN_DEFAULTS.pretrainBatch.writers},${TRAIN_DEFAULTS.pretrainBatch.genuine},${TRAIN_DEFAULTS.pretrainBatch.forged}; with any of
                       --writers, --genuine, --forged given: the batch they make, as before this flag)
  --workers N          worker threads (default ${TRAIN_DEFAULTS.workers})
  --seed N             (default ${TRAIN_DEFAULTS.seed})
  --eval-every N       validation every N steps (default ${TRAIN_DEFAULTS.evalEvery})
  --augment PRESET     strong | mild | none (default mild)
  --broad-pens         in the training after any pretraining: the augmentation's stroke change more often (0.6)
                       and broadenings of 1 or 2 pixels (default off: 1 pixel)
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
  --dropout R          dropout rate on the pooled features before the embedding layer, in the pretraining and the
                       training (inference has none; default ${DEFAULT_MODEL_CONFIG.dropout})
  --pooling P          what the embedding layer reads (default ${TRAIN_DEFAULTS.pooling}): last, the fifth conv's global avg + max |
                       multiscale, those of the third and fourth convs too | layout, the fifth conv's
                       average over a 2x4 grid too | layout-fine, over a 3x6 grid instead (an experiment).
                       Several, comma-separated (e.g. last,layout): an
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

/**
 * npm run train's flags: parsed, checked (a contradiction or a bad value prints why and exits with
 * status 2, before any data is read) and turned into the trainer's options and the card's command.
 */
export function parseTrainArgs() {

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
      'relative-margin': { type: 'boolean' },
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
      'broad-pens': { type: 'boolean' },
      'no-export': { type: 'boolean' },
      version: { type: 'string' },
      synthetic: { type: 'string' },
      'synthetic-indic': { type: 'string' },
      pretrain: { type: 'string' },
      'pretrain-steps': { type: 'string' },
      'pretrain-batch': { type: 'string' },
      'balance-datasets': { type: 'boolean' },
      'uniform-writers': { type: 'boolean' },
      preprocess: { type: 'string' },
      filters: { type: 'string' },
      'embedding-dim': { type: 'string' },
      dropout: { type: 'string' },
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
    refuse(`bad --loss, --mining, --pretrain-mining or --metric\n\n${USAGE}`);
  }
  const dataDirs = (a.data ?? '../shared/data/cedar-dev,../shared/data/bhsig260-bengali').split(',').filter(Boolean);
  const out = a.out ?? TRAIN_DEFAULTS.out;
  const id = basename(out);
  const ckpt = a.checkpoints ?? join('checkpoints', id);
  const seed = num(a.seed, TRAIN_DEFAULTS.seed, 'seed');
  const augmentName = a.augment ?? 'mild';
  if (!(augmentName in AUGMENT_PRESETS)) {
    refuse(`--augment must be one of ${Object.keys(AUGMENT_PRESETS).join(', ')}\n\n${USAGE}`);
  }
  const broadPens = !!a['broad-pens'];
  if (broadPens && AUGMENT_PRESETS[augmentName] === null) {
    refuse('--broad-pens changes the augmentation; it needs --augment strong or mild');
  }
  const pretrainAugment = AUGMENT_PRESETS[augmentName];
  const preprocessVersionOrNull = preprocessVersionNamed(a.preprocess);
  if (!preprocessVersionOrNull) {
    refuse(`--preprocess must be one of ${PREPROCESS_VERSIONS.join(', ')} (or ${Object.keys(PREPROCESS_SHORT_NAMES).join(', ')})\n\n${USAGE}`);
  }
  const preprocessVersion = preprocessVersionOrNull;
  const aggregate = (a.aggregate ?? DEFAULT_RULE.aggregate) as Aggregate;
  if (!AGGREGATES.includes(aggregate)) {
    refuse(`--aggregate must be one of ${AGGREGATES.join(', ')}\n\n${USAGE}`);
  }
  // One filter set for every network, or one per --pooling value separated by '/'.
  const filterSets = filtersFlag(a).split('/').map((f) => f.split(',').map(Number));
  if (filterSets.some((fs) => fs.length !== 5 || fs.some((f) => !Number.isInteger(f) || f < 1 || f > 512))) {
    refuse(`--filters needs five whole numbers from 1 to 512, e.g. 24,32,64,96,128, or one such set per --pooling value separated by / (got ${a.filters})`);
  }
  const filters = filterSets[0];
  const poolings = (a.pooling ?? TRAIN_DEFAULTS.pooling).split(',').filter(Boolean) as Pooling[];
  /** For a refusal of several networks: when they came from the default --pooling, say so and how to pick one. */
  const defaultPoolingHint = (example: Pooling) => (a.pooling === undefined ? ` (the default is ${TRAIN_DEFAULTS.pooling}; give one, e.g. --pooling ${example})` : '');
  if (poolings.length === 0 || !poolings.every((p) => POOLINGS.includes(p))) {
    refuse(`--pooling must be one of ${POOLINGS.join(', ')}, or several of them comma-separated for an ensemble (got ${a.pooling})`);
  }
  if (poolings.length > 1 && loss === 'lossless') {
    refuse(`an ensemble (--pooling with several values) needs unit-length embeddings: not with --loss lossless${defaultPoolingHint('last')}`);
  }
  if (filterSets.length > 1 && filterSets.length !== poolings.length) {
    refuse(`--filters gives ${filterSets.length} filter sets for ${poolings.length} --pooling values; give one set, or one per value`);
  }
  const teacherPoolings = (a['teacher-pooling'] ?? '').split(',').filter(Boolean) as Pooling[];
  if (a['teacher-pooling'] !== undefined && (teacherPoolings.length === 0 || !teacherPoolings.every((p) => POOLINGS.includes(p)))) {
    refuse(`--teacher-pooling must be one of ${POOLINGS.join(', ')}, or several of them comma-separated (got ${a['teacher-pooling']})`);
  }
  // A teacher trained here gives its members' embeddings side by side: the student learns that size by default.
  const embeddingDim = num(a['embedding-dim'], (teacherPoolings.length || 1) * DEFAULT_MODEL_CONFIG.embeddingDim, 'embedding-dim');
  if (!Number.isInteger(embeddingDim) || embeddingDim < 2 || embeddingDim > 1024) {
    refuse(`--embedding-dim needs a whole number from 2 to 1024 (got ${a['embedding-dim']})`);
  }
  const dropout = num(a.dropout, DEFAULT_MODEL_CONFIG.dropout, 'dropout');
  if (!(dropout >= 0 && dropout < 1)) {
    refuse(`--dropout needs a rate from 0 up to (not including) 1 (got ${a.dropout})`);
  }
  const inputSize = inputSizeOf(preprocessVersion);
  /** A network of this run's input and loss: the student's (or an ensemble member's) or a teacher member's. */
  const networkConfig = (pooling: Pooling, netFilters: readonly number[], dim: number): ModelConfig => ({
    ...DEFAULT_MODEL_CONFIG,
    inputHeight: inputSize.height,
    inputWidth: inputSize.width,
    filters: netFilters as ModelConfig['filters'],
    embeddingDim: dim,
    dropout,
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
    refuse(`--average-from must be a whole number of steps below --steps - 1 (${steps - 1}), or off; got ${a['average-from']}`);
  }
  if (a['balance-datasets'] && a['uniform-writers']) {
    refuse('--balance-datasets and --uniform-writers contradict each other; give one');
  }
  const weightStorage = (a.weights ?? 'uint8') as WeightStorage;
  if (!WEIGHT_STORAGES.includes(weightStorage)) {
    refuse(`--weights must be one of ${WEIGHT_STORAGES.join(', ')} (got ${a.weights})\n\n${USAGE}`);
  }
  let teacher: TrainOptions['teacher'];
  if (a.teacher && teacherPoolings.length) {
    refuse('--teacher DIR and --teacher-pooling contradict each other: distil from a finished model, or train the teacher here; give one');
  }
  if (!teacherPoolings.length && (a['teacher-steps'] !== undefined || a['teacher-pretrain-steps'] !== undefined)) {
    refuse('--teacher-steps and --teacher-pretrain-steps need --teacher-pooling (a teacher trained in this command)');
  }
  if ((a['distill-weight'] !== undefined || a['no-distill-pretrain']) && !a.teacher && !teacherPoolings.length) {
    refuse(`${a['no-distill-pretrain'] ? '--no-distill-pretrain' : '--distill-weight'} needs --teacher DIR or --teacher-pooling P`);
  }
  if (teacherPoolings.length && poolings.length > 1) {
    refuse(`--teacher-pooling distils into one network: not with several --pooling values${defaultPoolingHint('layout')}`);
  }
  if (teacherPoolings.length) {
    const teacherDim = teacherPoolings.length * DEFAULT_MODEL_CONFIG.embeddingDim;
    if (embeddingDim !== teacherDim || loss === 'lossless') {
      refuse(
        loss === 'lossless'
          ? '--teacher-pooling trains an ensemble teacher, whose embeddings are unit-length: not with --loss lossless'
          : `the teacher of --teacher-pooling ${a['teacher-pooling']} gives ${teacherDim}-d embeddings (${DEFAULT_MODEL_CONFIG.embeddingDim} per network); the student's --embedding-dim must be ${teacherDim} (got ${embeddingDim})`,
      );
    }
  }
  if (a.teacher || teacherPoolings.length) {
    const weight = num(a['distill-weight'], 1, 'distill-weight');
    if (!(weight > 0)) {
      refuse(`--distill-weight must be above 0 (got ${a['distill-weight']})`);
    }
    if (a.teacher) {
      try {
        readTeacherCard(a.teacher, cfg, preprocessVersion);
      } catch (e) {
        refuse(`--teacher: ${e instanceof Error ? e.message : e}`);
      }
    }
    teacher = { dir: a.teacher ?? join(ckpt, 'teacher', 'model'), weight };
  }
  const distilPretrain = !a['no-distill-pretrain'];
  const margin = num(a.margin, loss === 'contrastive' ? TRAIN_DEFAULTS.contrastiveMargin : TRAIN_DEFAULTS.margin, 'margin');
  const relativeMargin = !!a['relative-margin'];
  if (relativeMargin && loss !== 'triplet') {
    refuse(`--relative-margin scales the triplet alpha; it needs --loss triplet (got ${loss})`);
  }
  const proxyWeight = num(a['proxy-weight'], TRAIN_DEFAULTS.proxy.weight, 'proxy-weight');
  if (proxyWeight < 0) {
    refuse(`--proxy-weight must be 0 (off) or more (got ${a['proxy-weight']})`);
  }
  if (a['proxy-pretrain'] && !(proxyWeight > 0)) {
    refuse('--proxy-pretrain needs --proxy-weight W above 0');
  }
  if (a['proxy-pretrain'] && a['no-proxy-pretrain']) {
    refuse('--proxy-pretrain and --no-proxy-pretrain contradict each other; give one');
  }
  const proxyPretrain = proxyWeight > 0 && !a['no-proxy-pretrain'];
  const proxy = proxyWeight > 0 ? { weight: proxyWeight, scale: num(a['proxy-scale'], TRAIN_DEFAULTS.proxy.scale, 'proxy-scale'), margin: num(a['proxy-margin'], TRAIN_DEFAULTS.proxy.margin, 'proxy-margin'), lrFactor: num(a['proxy-lr'], TRAIN_DEFAULTS.proxy.lrFactor, 'proxy-lr') } : undefined;
  const batchShape = { writers: num(a.writers, TRAIN_DEFAULTS.batch.writers, 'writers'), genuine: num(a.genuine, TRAIN_DEFAULTS.batch.genuine, 'genuine'), forged: num(a.forged, TRAIN_DEFAULTS.batch.forged, 'forged') };
  const batchProblem = batchShapeProblem(batchShape);
  if (batchProblem) {
    refuse(`--writers, --genuine and --forged: ${batchProblem} (got ${batchShape.writers} x (${batchShape.genuine} + ${batchShape.forged}))`);
  }
  const batch = { ...batchShape, balanceDatasets: !a['uniform-writers'] };
  const pretrainBatch = { ...batch, ...pretrainBatchShape(a, batch) };
  const command = commandLine('train');
  const opts: TrainOptions = {
    cfg,
    loss: { kind: loss, mining, margin, proxy, ...(relativeMargin ? { relativeMargin } : {}) },
    metric,
    steps,
    lr: num(a.lr, TRAIN_DEFAULTS.lr, 'lr'),
    batch,
    workers: num(a.workers, TRAIN_DEFAULTS.workers, 'workers'),
    seed,
    evalEvery: num(a['eval-every'], TRAIN_DEFAULTS.evalEvery, 'eval-every'),
    checkpointDir: ckpt,
    checkpointSeconds: 120,
    augment: broadPens ? withBroadPens(AUGMENT_PRESETS[augmentName]!) : AUGMENT_PRESETS[augmentName],
    preprocessVersion,
    args: { ...a },
    averageFrom,
    teacher,
  };
  return { a, aggregate, augmentName, averageFrom, broadPens, pretrainAugment, cfgFor, ckpt, command, dataDirs, distilPretrain, id, loss, margin, metric, mining, networkConfig, opts, out, poolings, preprocessVersion, pretrainBatch, pretrainMining, proxy, proxyPretrain, relativeMargin, seed, steps, teacher, teacherPoolings, weightStorage };
}

/**
 * The pretraining's batch: --pretrain-batch as given; else, when a batch flag shapes the training's batch, that
 * batch (so a command written before the flag pretrains as it did); else the recipe's pretraining batch.
 */
export function pretrainBatchShape(given: { 'pretrain-batch'?: string; writers?: string; genuine?: string; forged?: string }, training: BatchSize): BatchSize {
  if (given['pretrain-batch'] !== undefined) return parseBatchShape(given['pretrain-batch']);
  if (given.writers === undefined && given.genuine === undefined && given.forged === undefined) return { ...TRAIN_DEFAULTS.pretrainBatch };
  return { writers: training.writers, genuine: training.genuine, forged: training.forged };
}

/** Per worker: writers x (genuine + forgeries), the trainer's batch without its writer order. */
type BatchSize = Omit<BatchShape, 'balanceDatasets'>;

/** --pretrain-batch P,K,F: P writers x (K genuine + F forgeries) per worker; anything else is refused. */
export function parseBatchShape(text: string): BatchSize {
  const parts = text.split(',').map((t) => t.trim());
  const [writers, genuine, forged] = parts.map(Number);
  if (parts.length !== 3 || batchShapeProblem({ writers, genuine, forged })) {
    refuse(`--pretrain-batch needs P,K,F: P writers (2 or more) x (K genuine (2 or more) + F forgeries (0 or more)) per worker, e.g. 6,4,2 (got ${text})`);
  }
  return { writers, genuine, forged };
}

/**
 * Why a per-worker batch cannot train, or undefined when it can: whole numbers, at least two writers (a triplet's
 * negative from another writer) with at least two genuine signatures each (an anchor and its positive), and no
 * negative count of forgeries.
 */
export function batchShapeProblem(b: BatchSize): string | undefined {
  if (![b.writers, b.genuine, b.forged].every(Number.isInteger)) return 'each must be a whole number';
  if (b.writers < 2) return 'a batch needs 2 or more writers';
  if (b.genuine < 2) return 'each writer needs 2 or more genuine signatures in a batch (an anchor and its positive)';
  if (b.forged < 0) return 'the forgeries per writer cannot be negative';
  return undefined;
}
