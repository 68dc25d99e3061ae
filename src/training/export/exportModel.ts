import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelCard, EvalFigures } from '../../model/modelCard';
import type { PreprocessVersion } from '../../preprocessing';
import type { WriterRasters } from '../data/imageStore';
import { calibrate } from '../evaluation/calibrate';
import { evaluateRasters } from '../evaluation/evaluateDataset';
import { modelArtifacts, savedWeightStorage, writeModelArtifacts, writeModelCard } from '../io/modelFiles';
import { quantizeUint8, type WeightStorage } from '../io/quantizeWeights';
import type { Network } from '../network';
import type { Aggregate } from '../../verification/decision';
import { flattenRasters, regroup } from '../validation';
import { detPlotPng, type Curve } from './detPlot';
import { modelCardMarkdown } from './modelCardMarkdown';

/** What export needs of a model: the trained Network, or a saved model loaded for recalibration. */
export type Exportable = Pick<Network, 'cfg' | 'model' | 'embed' | 'distanceHead'>;

export interface ExportInput {
  net: Exportable;
  /** Score rule to calibrate (default: min-mean aggregate, prior weight 5). */
  rule?: { aggregate: Aggregate; priorWeight: number };
  /** Write model.json + weights (default true; recalibration keeps the existing files). */
  saveWeights?: boolean;
  /**
   * How weights.bin stores the weights when they are written (default float32). With uint8 the
   * in-memory model is set to the quantised weights first, so the thresholds and figures on the
   * card are those of the weights that ship.
   */
  weightStorage?: WeightStorage;
  recalibration?: ModelCard['recalibration'];
  /** Set for an ensemble (combineExported): the models it joins. */
  ensemble?: ModelCard['ensemble'];
  /**
   * A synthetic writers' table that still holds (recalibration with the same weights and rule): kept in
   * the card, and its MODEL_CARD.md section (npm run synthetic-report's) appended again.
   */
  synthetic?: { effect: NonNullable<ModelCard['syntheticEffect']>; markdownSection?: string };

  dir: string;
  id: string;
  version: string;
  validation: { name: string; dataDir: string; rasters: WriterRasters[] }[];
  training: ModelCard['training'];
  preprocessVersion: PreprocessVersion;
}

/**
 * The score rule new models ship with: (min + mean) / 2 of the distances to the references, over
 * a writer scale with a prior of 5 references' weight. Chosen on validation writers over min /
 * mean / min-mean x prior 3 / 5 / 10 / 20 for two models (docs/training-experiments.md).
 */
export const DEFAULT_RULE: { aggregate: Aggregate; priorWeight: number } = { aggregate: 'min-mean', priorWeight: 5 };

const COLORS: [number, number, number][] = [
  [200, 30, 30],
  [30, 90, 200],
  [20, 150, 60],
  [200, 120, 0],
];

/**
 * Fixes the decision rule on the validation writers, measures the figures the card reports
 * (validation writers of each data set, 5 and 1 references), and writes models/<id>/.
 */
export async function exportModel(x: ExportInput): Promise<ModelCard> {
  const { net } = x;
  const cfg = net.cfg;
  let artifacts: tf.io.ModelArtifacts | null = null;
  const storage = x.weightStorage ?? 'float32';
  if (x.saveWeights !== false) {
    artifacts = await modelArtifacts(net.model);
    if (storage === 'uint8') {
      const q = quantizeUint8(artifacts.weightSpecs ?? [], artifacts.weightData as ArrayBuffer);
      artifacts = { ...artifacts, weightSpecs: q.specs, weightData: q.data };
      // From here on the model computes with exactly the weights a loader decodes from the file.
      const decoded = tf.io.decodeWeights(q.data, q.specs);
      net.model.loadWeights(decoded);
      tf.dispose(Object.values(decoded));
    }
  }
  const weights = artifacts ? { storage, bytes: (artifacts.weightData as ArrayBuffer).byteLength } : savedWeightStorage(x.dir);
  const hw = cfg.inputHeight * cfg.inputWidth;
  const head = net.distanceHead();
  const embed = (images: Float32Array, n: number) => net.embed(images, n);
  const valEmb = x.validation.flatMap((v) => {
    const { images, n } = flattenRasters(v.rasters, hw);
    return regroup(v.rasters, embed(images, n), cfg.embeddingDim);
  });
  const decision = calibrate(valEmb, head, x.rule?.aggregate ?? DEFAULT_RULE.aggregate, x.rule?.priorWeight ?? DEFAULT_RULE.priorWeight);
  const card: ModelCard = {
    id: x.id,
    version: x.version,
    created: new Date().toISOString(),
    preprocessing: { version: x.preprocessVersion, inputHeight: cfg.inputHeight, inputWidth: cfg.inputWidth },
    architecture: cfg,
    parameters: net.model.countParams(),
    weights,
    distanceHead: head,
    decision,
    training: x.training,
    metrics: [],
    ...(x.recalibration ? { recalibration: x.recalibration } : {}),
    ...(x.ensemble ? { ensemble: x.ensemble } : {}),
    ...(x.synthetic ? { syntheticEffect: x.synthetic.effect } : {}),
  };
  const curves: Curve[] = [];
  for (const v of x.validation) {
    for (const k of [5, 1]) {
      const r = evaluateRasters(v.rasters, embed, card, k);
      const fig: EvalFigures = {
        data: `${v.name} validation writers`,
        writers: r.writers,
        references: k,
        skilled: r.summary.skilled,
        random: r.summary.random,
        verdicts: r.summary.verdicts,
        command: `npm run eval -- --data ${v.dataDir} --split validation --refs ${k} --json out.json`,
      };
      card.metrics.push(fig);
      if (curves.length < COLORS.length) curves.push({ label: `${v.name} skilled, ${k} ref`, genuine: r.scores.genuine, forged: r.scores.skilled, color: COLORS[curves.length] });
    }
  }
  if (artifacts) writeModelArtifacts(artifacts, x.dir);
  writeModelCard(x.dir, card);
  writeFileSync(join(x.dir, 'det.png'), detPlotPng(curves));
  const legend = curves.map((c) => `${['red', 'blue', 'green', 'orange'][curves.indexOf(c)]} = ${c.label}`);
  const section = x.synthetic?.markdownSection;
  const md = modelCardMarkdown(card, legend);
  writeFileSync(join(x.dir, 'MODEL_CARD.md'), section ? md.trimEnd() + '\n' + section : md);
  return card;
}
