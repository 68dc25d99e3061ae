/**
 * npm run train: reads the data sets, optionally pretrains (synthetic writers), trains one network or an
 * ensemble of one per --pooling value (or a teacher first, then a student), and exports models/<name>/ with
 * its card. The flags: ./trainArgs.ts (npm run train -- --help).
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { TRAIN_DEFAULTS } from '../defaults';
import { DEFAULT_MODEL_CONFIG, type ModelConfig, type Pooling } from '../../model/config';
import type { ModelCard, ModelIndex } from '../../model/modelCard';
import { combineExported } from '../export/combineModels';
import { readDataset } from '../data/datasetReader';
import { loadWriterImages, preprocessWriters } from '../data/imageStore';
import { splitWriters } from '../data/split';
import { DEFAULT_RULE, exportModel } from '../export/exportModel';
import { describeLoss } from '../export/lossDescription';
import { useWasmTrainingBackend } from '../kernels/wasmBackend';
import { checkpointMeta } from '../checkpoint';
import { cardBatch } from '../recipe';
import { train, type TrainOptions } from '../trainer';
import { writeSyntheticSet } from '../../synthetic/node/writeDataset';
import { DEFAULT_COUNTS } from '../../synthetic/generator';
import { num } from './args';
import { parseTrainArgs } from './trainArgs';

const {
  a,
  aggregate,
  augmentName,
  broadPens,
  pretrainAugment,
  averageFrom,
  cfgFor,
  ckpt,
  command,
  dataDirs,
  distilPretrain,
  id,
  loss,
  margin,
  metric,
  mining,
  networkConfig,
  opts,
  out,
  poolings,
  preprocessVersion,
  pretrainBatch,
  pretrainMining,
  proxy,
  proxyPretrain,
  relativeMargin,
  seed,
  steps,
  teacher,
  teacherPoolings,
  weightStorage,
} = parseTrainArgs();
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
      { ...o, loss: { ...o.loss, mining: pretrainMining, proxy: proxyPretrain ? o.loss.proxy : undefined, relativeMargin: undefined }, augment: pretrainAugment, batch: pretrainBatch, steps: s.preSteps, checkpointDir: join(m.ckpt, 'pretrain'), averageFrom: undefined, teacher: s.distilPretrain ? s.teacher : undefined },
      log,
    );
    o.initWeights = pre.net.carriedWeights();
    log(`pretrained ${pre.meta.step} steps in ${(pre.meta.seconds / 60).toFixed(1)} min; now training on ${trainFiles.length} writers`);
  }
  // The card describes the pretraining from its checkpoint, whether it ran now or before (a resumed run, or only exporting).
  const preMeta = pretrainDirs.length ? checkpointMeta(join(m.ckpt, 'pretrain')) : null;
  const pretrain = preMeta ? { data: pretrainDirs, writers: preFiles.length, steps: preMeta.step, selectedStep: preMeta.bestStep, seconds: Math.round(preMeta.seconds), batch: cardBatch(preMeta.recipe) } : undefined;
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
        relativeMargin,
        metric,
        augment: broadPens ? `${augmentName}, broader pens in the training after the pretraining (stroke change 0.6, broadening 1-2 px)` : augmentName,
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
      batch: cardBatch(meta.recipe),
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
