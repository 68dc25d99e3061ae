import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ModelCard, ModelIndex } from '../../model/modelCard';

/** Writes model.json + weights.bin (tfjs layers format) into `dir`. */
export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightsManifest = [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }];
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs v${tf.version.tfjs}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest,
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      const data = artifacts.weightData as ArrayBuffer;
      writeFileSync(join(dir, 'weights.bin'), Buffer.from(data));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

/** Loads a model saved by saveLayersModel from the file system (Node). */
export async function loadLayersModelFromDir(dir: string): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const weights = readFileSync(join(dir, json.weightsManifest[0].paths[0]));
  const weightSpecs = json.weightsManifest.flatMap((g: { weights: tf.io.WeightsManifestEntry[] }) => g.weights);
  const buf = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData: buf }));
}

export function readModelCard(dir: string): ModelCard {
  return JSON.parse(readFileSync(join(dir, 'model-card.json'), 'utf8')) as ModelCard;
}

export function writeModelCard(dir: string, card: ModelCard): void {
  writeFileSync(join(dir, 'model-card.json'), JSON.stringify(card, null, 2) + '\n');
}

/** Resolves the default model directory from models/index.json. */
export function defaultModelDir(modelsRoot = 'models'): string {
  const index = JSON.parse(readFileSync(join(modelsRoot, 'index.json'), 'utf8')) as ModelIndex;
  return join(modelsRoot, index.default);
}
